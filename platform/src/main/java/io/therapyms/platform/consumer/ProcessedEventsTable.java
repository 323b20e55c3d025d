package io.therapyms.platform.consumer;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.therapyms.platform.dynamo.TableSpec;

/** Every service's record of the events it has applied, keyed by consumer and event id, with expiry. */
@Singleton
public class ProcessedEventsTable {

    private static final String SUFFIX = "-processed-events";
    static final String KEY = "eventKey";
    static final String EXPIRES_AT = "expiresAt";

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    /** Logical name; one table per service because services may share a store. */
    public String name() {
        return applicationName + SUFFIX;
    }

    @Produces
    @Singleton
    TableSpec processedEvents() {
        return TableSpec.builder(name(), TableSpec.Key.string(KEY)).ttl(EXPIRES_AT).build();
    }
}

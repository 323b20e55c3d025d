package io.therapyms.platform.time;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * The one {@link Clock} every service injects instead of calling {@code Instant.now()}: UTC system
 * time, unless a test (or another bean) produces its own {@code Clock}, which then replaces it.
 */
@Singleton
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    Clock systemUtc() {
        return Clock.systemUTC();
    }
}

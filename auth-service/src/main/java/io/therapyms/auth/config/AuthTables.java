package io.therapyms.auth.config;

import java.time.Instant;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The tables auth-service owns, created at start-up by the platform's table bootstrap. */
@Singleton
public class AuthTables {

    public static final String MAIN = "auth";

    /**
     * The table's TTL attribute (epoch seconds): the store deletes an item some time after it. Only items that are
     * worthless once expired carry it: passkey challenges, mfaTokens (which hold an email) and refresh tokens (a
     * family's tokens all expire with it, so a replay after that finds nothing to revoke either way). Reads check
     * {@code expiresAt} themselves, so a store without TTL (dynalite) stays correct; it only keeps them longer.
     */
    public static final String PURGE_AT = "purgeAt";

    /** One table for the service's aggregates; access patterns are listed in the service README. */
    @Produces
    @Singleton
    TableSpec main() {
        return TableSpec.singleTableBuilder(MAIN).ttl(PURGE_AT).build();
    }

    /** The {@link #PURGE_AT} value of an item that expires at {@code expiresAt}: never before it. */
    public static AttributeValue purgeAt(Instant expiresAt) {
        long seconds = expiresAt.getEpochSecond() + (expiresAt.getNano() > 0 ? 1 : 0);
        return AttributeValue.fromN(Long.toString(seconds));
    }
}

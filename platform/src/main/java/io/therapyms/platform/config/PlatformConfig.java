package io.therapyms.platform.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings the platform building blocks share; every value has a local default and an env override. */
@ConfigMapping(prefix = "tms")
public interface PlatformConfig {

    /** Prepended to every table and topic name; tests use a fresh one per application start. */
    Optional<String> resourcePrefix();

    Cursor cursor();

    Outbox outbox();

    Consumer consumer();

    Security security();

    interface Cursor {
        /** HMAC key that makes paging cursors tamper-evident; empty when set to "" (refused at start-up). */
        Optional<String> secret();
    }

    interface Outbox {
        /** How often the relay looks for pending events when nobody nudged it. */
        @WithDefault("1s")
        Duration interval();

        /**
         * Items per page of a shard (one Query, one BatchGetItem, whose limit is 100). With 100 and 16 clearing writes
         * in flight the 10k generator's journal backlog peaked at 182 items instead of 2,870 (BENCHMARKS.md, issue #19).
         */
        @WithDefault("100")
        int batchSize();

        /** How long the sends of one page may take before the relay gives up on it for this round. */
        @WithDefault("10s")
        Duration sendTimeout();

        /** Shards drained at once, each on its own thread (there are four shards per outbox table). */
        @WithDefault("4")
        int parallelism();

        /**
         * Clearing writes (one conditional write per published item) in flight at once, over all shards. Items are
         * cleared independently of each other, and sequentially these writes were most of a page's time.
         */
        @WithDefault("16")
        int acknowledgeConcurrency();

        /** How often the pending items of each outbox table are counted for the {@code tms.outbox.pending} gauge. */
        @WithDefault("15s")
        Duration backlogInterval();
    }

    interface Consumer {
        /** Attempts per event before it goes to the dead-letter topic. */
        @WithDefault("3")
        int attempts();

        @WithDefault("200ms")
        Duration backoff();

        /** How long processed event ids are remembered for de-duplication. */
        @WithDefault("P7D")
        Duration dedupRetention();
    }

    interface Security {
        /**
         * Access tokens whose signature was verified, kept until they expire so that a client's next requests skip
         * the RS256 check (a fifth of a journal list's CPU); 0 verifies every request. Revocation is checked on every
         * request whatever this says.
         */
        @WithDefault("1024")
        int verifiedTokenCacheSize();
    }

    /** The physical name of a logical table or topic. */
    default String prefixed(String name) {
        return resourcePrefix().orElse("") + name;
    }
}

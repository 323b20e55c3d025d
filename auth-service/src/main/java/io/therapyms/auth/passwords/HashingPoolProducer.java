package io.therapyms.auth.passwords;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.therapyms.auth.config.AuthConfig;

/** The service's one {@link HashingPool}, sized from {@code AUTH_HASH_THREADS} and {@code AUTH_HASH_QUEUE}. */
@ApplicationScoped
public class HashingPoolProducer {

    @Produces
    @Singleton
    HashingPool hashingPool(AuthConfig config) {
        return new HashingPool(config.hashing().threads().orElseGet(HashingPool::defaultThreads),
                config.hashing().queue());
    }

    void close(@Disposes HashingPool pool) {
        pool.close();
    }
}

package io.therapyms.platform.security;

import java.time.Clock;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.therapyms.platform.config.PlatformConfig;

/** Puts {@link VerifiedTokenCache} in front of smallrye-jwt's verifier wherever a {@link JWTParser} is injected. */
@Singleton
public class VerifiedTokenCacheProducer {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    JWTParser verifiedTokenCache(DefaultJWTParser verifier, PlatformConfig config) {
        return new VerifiedTokenCache(verifier, config.security().verifiedTokenCacheSize(), Clock.systemUTC());
    }
}

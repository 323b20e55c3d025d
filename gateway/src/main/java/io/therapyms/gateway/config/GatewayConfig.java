package io.therapyms.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Everything the gateway is told from outside, in one place: the route table (which service owns
 * which paths, and where it lives), timeouts, rate limits and the proxies it trusts.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The backends by name ({@code auth-service}, ...); the name is what {@code /health} reports. */
    Map<String, Service> services();

    Timeouts timeouts();

    RateLimit rateLimit();

    /** IPs or CIDR blocks of reverse proxies whose {@code X-Forwarded-*} headers are believed. */
    Optional<List<String>> trustedProxies();

    ApiDocs apiDocs();

    Balancing balancing();

    interface Service {

        /**
         * Base URL (scheme, host, port) of each instance of the service, comma-separated; request paths are
         * appended unchanged. Several instances share the requests (see {@code InstanceBalancer}).
         */
        List<URI> url();

        /**
         * Paths the service owns: an exact path, or {@code /prefix/**} for the prefix itself and
         * everything below it.
         */
        List<String> paths();
    }

    interface Timeouts {

        /** Opening a connection to a backend; beyond it the caller gets 504. */
        @WithDefault("2s")
        Duration connect();

        /** Silence from a backend while it owes a response; beyond it the caller gets 504. */
        @WithDefault("30s")
        Duration response();

        /** One backend's readiness check or OpenAPI document. */
        @WithDefault("2s")
        Duration probe();
    }

    interface RateLimit {

        /** Requests per minute and client IP on {@link #authPaths()}. */
        @WithDefault("30")
        int authPerMinute();

        /** Requests per minute and client IP on every other {@code /api} path. */
        @WithDefault("600")
        int apiPerMinute();

        /** The credential-guessing surface, limited more tightly than the rest. */
        @WithDefault("/api/signup,/api/login,/api/login/mfa,/api/login/passkey-options,/api/login/passkey,/api/auth/refresh")
        List<String> authPaths();

        /** Upper bound on remembered client IPs per class, so an address spray cannot exhaust memory. */
        @WithDefault("100000")
        int maxTrackedClients();
    }

    interface Balancing {

        /** How often each instance of a service with several is asked whether it is ready. */
        @WithDefault("2s")
        Duration checkInterval();
    }

    interface ApiDocs {

        /** How long a merged document is reused before the services are asked again. */
        @WithDefault("30s")
        Duration cacheTtl();
    }
}

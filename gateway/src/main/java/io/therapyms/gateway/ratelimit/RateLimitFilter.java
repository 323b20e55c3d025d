package io.therapyms.gateway.ratelimit;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.therapyms.gateway.config.GatewayConfig;
import io.therapyms.gateway.edge.ProblemResponse;
import io.therapyms.gateway.edge.TrustedProxies;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Per-IP limits on {@code /api}: a tight class for the endpoints that take credentials (signup,
 * login, refresh) and a generous one for everything else, each with its own buckets.
 */
@ApplicationScoped
public class RateLimitFilter implements Handler<RoutingContext> {

    private final TrustedProxies trustedProxies;
    private final Set<String> authPaths;
    private final TokenBucketLimiter authLimiter;
    private final TokenBucketLimiter apiLimiter;

    @Inject
    RateLimitFilter(GatewayConfig config, TrustedProxies trustedProxies) {
        GatewayConfig.RateLimit limits = config.rateLimit();
        this.trustedProxies = trustedProxies;
        this.authPaths = Set.copyOf(limits.authPaths());
        this.authLimiter = new TokenBucketLimiter(limits.authPerMinute(), limits.maxTrackedClients(), System::nanoTime);
        this.apiLimiter = new TokenBucketLimiter(limits.apiPerMinute(), limits.maxTrackedClients(), System::nanoTime);
    }

    @Override
    public void handle(RoutingContext context) {
        TokenBucketLimiter limiter = authPaths.contains(context.request().path()) ? authLimiter : apiLimiter;
        TokenBucketLimiter.Decision decision = limiter.tryAcquire(trustedProxies.clientAddress(context.request()));
        if (decision.allowed()) {
            context.next();
            return;
        }
        context.response().putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        ProblemResponse.send(context.response(), 429, "too-many-requests", "Too many requests",
                "Rate limit exceeded; retry after " + decision.retryAfterSeconds() + " s.");
    }
}

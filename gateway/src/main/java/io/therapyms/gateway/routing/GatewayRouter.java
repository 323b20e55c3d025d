package io.therapyms.gateway.routing;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.therapyms.gateway.edge.ApiPaths;
import io.therapyms.gateway.edge.ProblemResponse;
import io.therapyms.gateway.edge.SecurityHeaders;
import io.therapyms.gateway.ratelimit.RateLimitFilter;
import io.therapyms.gateway.revocation.RevokedTokenFilter;
import io.therapyms.gateway.web.WebApp;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's request pipeline on the Quarkus router, in order: security headers (every response),
 * rate limits ({@code /api}), revoked tokens ({@code /api}), then forwarding to the owning backend. Paths the route table does not
 * know go to the web app (its assets and pages) and then fall through to Quarkus (health, API docs), except under
 * {@code /api}, where they are 404.
 */
@ApplicationScoped
public class GatewayRouter {

    /** Ahead of everything Quarkus mounts, CORS included, so its answers get the headers too. */
    private static final int SECURITY_HEADERS_ORDER = Integer.MIN_VALUE;
    /** After CORS (which answers preflights itself) and before the REST endpoints of this module. */
    private static final int RATE_LIMIT_ORDER = 100;
    private static final int REVOCATION_ORDER = 101;
    private static final int FORWARD_ORDER = 102;
    /** What the route table does not own: the web app's files and pages, before Quarkus's own 404. */
    private static final int WEB_APP_ORDER = 103;

    private final RouteTable routes;
    private final BackendProxies proxies;
    private final ForwardedHeaders forwardedHeaders;
    private final SecurityHeaders securityHeaders;
    private final RateLimitFilter rateLimitFilter;
    private final RevokedTokenFilter revokedTokenFilter;
    private final WebApp webApp;

    @Inject
    GatewayRouter(RouteTable routes, BackendProxies proxies, ForwardedHeaders forwardedHeaders,
            SecurityHeaders securityHeaders, RateLimitFilter rateLimitFilter, RevokedTokenFilter revokedTokenFilter,
            WebApp webApp) {
        this.routes = routes;
        this.proxies = proxies;
        this.forwardedHeaders = forwardedHeaders;
        this.securityHeaders = securityHeaders;
        this.rateLimitFilter = rateLimitFilter;
        this.revokedTokenFilter = revokedTokenFilter;
        this.webApp = webApp;
    }

    void mount(@Observes Router router) {
        router.route().order(SECURITY_HEADERS_ORDER).handler(securityHeaders);
        router.route("/api/*").order(RATE_LIMIT_ORDER).handler(rateLimitFilter);
        router.route("/api/*").order(REVOCATION_ORDER).handler(revokedTokenFilter);
        router.route().order(FORWARD_ORDER).handler(this::forward);
        router.route("/assets/*").method(HttpMethod.GET).method(HttpMethod.HEAD).order(WEB_APP_ORDER)
                .handler(webApp::asset);
        router.route().order(WEB_APP_ORDER).handler(webApp::page);
    }

    private void forward(RoutingContext context) {
        HttpServerRequest request = context.request();
        String path = request.path();
        Optional<Backend> backend = routes.lookup(path);
        if (backend.isEmpty()) {
            if (ApiPaths.isApi(path)) {
                ProblemResponse.notFound(context.response());
            } else {
                context.next();
            }
            return;
        }
        if (hasDotSegment(path)) {
            // Backends would resolve "..", possibly to a path another service owns: refuse instead.
            ProblemResponse.send(context.response(), 400, "bad-path", "Bad request",
                    "The path must not contain '.' or '..' segments.");
            return;
        }
        boolean upgrade = isWebSocketUpgrade(request);
        forwardedHeaders.rewrite(request, upgrade);
        if (upgrade) {
            proxies.tunnelWebSocket(request, backend.get());
        } else {
            proxies.forward(request, backend.get());
        }
    }

    private static boolean isWebSocketUpgrade(HttpServerRequest request) {
        String connection = request.getHeader(HttpHeaders.CONNECTION);
        return request.method() == HttpMethod.GET
                && "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))
                && connection != null && connection.toLowerCase(Locale.ROOT).contains("upgrade");
    }

    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/")) {
            String decoded = segment.replace("%2e", ".").replace("%2E", ".");
            if (decoded.equals(".") || decoded.equals("..")) {
                return true;
            }
        }
        return false;
    }
}

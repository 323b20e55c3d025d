package io.therapyms.gateway.edge;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Stamps the security headers of API.md on every response just before its headers go out, so that
 * proxied responses, the gateway's own errors and the pages of Quarkus all carry them.
 */
@ApplicationScoped
public class SecurityHeaders implements Handler<RoutingContext> {

    static final String HSTS_VALUE = "max-age=31536000; includeSubDomains";

    private final TrustedProxies trustedProxies;

    SecurityHeaders(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    @Override
    public void handle(RoutingContext context) {
        boolean apiPath = ApiPaths.isApi(context.request().path());
        // Decided now, from the request as the client sent it.
        boolean overTls = trustedProxies.overTls(context.request());
        context.addHeadersEndHandler(ignored -> {
            MultiMap headers = context.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            if (apiPath) {
                headers.set("Cache-Control", "no-store");
            }
            if (overTls) {
                headers.set("Strict-Transport-Security", HSTS_VALUE);
            } else {
                // Over plain HTTP the header is ignored by browsers and only misleads.
                headers.remove("Strict-Transport-Security");
            }
            // A backend may announce itself; the edge does not.
            headers.remove("Server");
            headers.remove("X-Powered-By");
        });
        context.next();
    }
}

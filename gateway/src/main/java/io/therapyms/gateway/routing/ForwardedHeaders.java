package io.therapyms.gateway.routing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.therapyms.gateway.edge.TrustedProxies;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/**
 * Rewrites an incoming request's headers for the backend: {@code X-Forwarded-For/-Proto/-Host} that
 * describe the real client (taken over from a trusted proxy, replaced for anyone else), no
 * hop-by-hop headers, and no caller-written W3C trace context (the gateway's span is the backend's parent). Done on the request itself so that plain requests and WebSocket upgrades,
 * which the proxy forwards along different paths, carry the same headers.
 */
@ApplicationScoped
class ForwardedHeaders {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";

    /** RFC 9110 §7.6.1 plus the legacy ones; an upgrade keeps Connection/Upgrade, which it needs. */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

    private final TrustedProxies trustedProxies;

    ForwardedHeaders(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    void rewrite(HttpServerRequest request, boolean upgrade) {
        MultiMap headers = request.headers();
        boolean trusted = trustedProxies.fromTrustedProxy(request);
        String peer = request.remoteAddress().hostAddress();

        String priorHops = trusted ? String.join(", ", headers.getAll(X_FORWARDED_FOR)) : "";
        headers.set(X_FORWARDED_FOR, priorHops.isBlank() ? peer : priorHops + ", " + peer);
        if (!trusted || !headers.contains(X_FORWARDED_PROTO)) {
            headers.set(X_FORWARDED_PROTO, request.isSSL() ? "https" : "http");
        }
        if (!trusted || !headers.contains(X_FORWARDED_HOST)) {
            if (request.authority() != null) {
                headers.set(X_FORWARDED_HOST, request.authority().toString());
            } else {
                headers.remove(X_FORWARDED_HOST);
            }
        }
        // We speak X-Forwarded-*; a client-written RFC 7239 header would contradict it.
        headers.remove("Forwarded");
        // The caller's trace context was read into the gateway's own span when the request arrived; the proxied call
        // carries that span's context (added by the HTTP client's tracing). Copied too, the backend would get two.
        headers.remove("traceparent");
        headers.remove("tracestate");

        if (!upgrade) {
            removeHopByHop(headers);
        }
    }

    /** Removes the standard hop-by-hop headers and any the sender named in {@code Connection}. */
    static void removeHopByHop(MultiMap headers) {
        headers.getAll("Connection").stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(token -> token.trim().toLowerCase(Locale.ROOT))
                .filter(token -> !token.isEmpty())
                .forEach(headers::remove);
        HOP_BY_HOP.forEach(headers::remove);
    }
}

package io.therapyms.platform.errors;

import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers 413 in problem+json before a declared-oversized body is read. Bodies without a length
 * that grow past the limit are cut off by {@code quarkus.http.limits.max-body-size} (same 1 MiB).
 */
@jakarta.inject.Singleton
public class PayloadTooLargeFilter {

    static final long MAX_BODY_BYTES = 1024 * 1024;
    private static final String BODY = "{\"type\":\"https://therapyms.io/problems/http-413\",\"title\":\"Payload Too Large\","
            + "\"status\":413,\"detail\":\"The request body is larger than 1 MiB.\"}";

    void register(@Observes Router router) {
        // Runs before the body handler, so an oversized body is never buffered.
        router.route().order(-1000).handler(PayloadTooLargeFilter::rejectOversizedBodies);
    }

    static void rejectOversizedBodies(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && exceedsLimit(length)) {
            context.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(BODY);
            return;
        }
        context.next();
    }

    private static boolean exceedsLimit(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

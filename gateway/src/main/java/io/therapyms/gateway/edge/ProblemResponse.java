package io.therapyms.gateway.edge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * The RFC 9457 body of every error the gateway produces itself, in the services' format
 * ({@code type}, {@code title}, {@code status}, {@code detail}). Details are written for API users:
 * never a backend host, exception or stack trace.
 */
public final class ProblemResponse {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://therapyms.io/problems/";

    private ProblemResponse() {
    }

    public static Buffer body(int status, String slug, String title, String detail) {
        return new JsonObject()
                .put("type", TYPE_BASE + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .toBuffer();
    }

    public static void send(HttpServerResponse response, int status, String slug, String title, String detail) {
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE)
                .end(body(status, slug, title, detail));
    }

    public static void notFound(HttpServerResponse response) {
        send(response, 404, "not-found", "Not found", "No resource is served at this path.");
    }
}

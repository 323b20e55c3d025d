package io.therapyms.gateway.testing;

import java.util.Map;

import io.restassured.RestAssured;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Sends raw requests to the gateway from a chosen loopback address (any 127.x.y.z works on Linux),
 * to play a client that is, or is not, a trusted proxy; and with headers and paths sent exactly as
 * written, which REST Assured would tidy up.
 */
public final class LoopbackClient {

    public record Reply(int status, MultiMap headers, String body) {
    }

    private final Vertx vertx;
    private final String sourceAddress;

    public LoopbackClient(Vertx vertx, String sourceAddress) {
        this.vertx = vertx;
        this.sourceAddress = sourceAddress;
    }

    public Reply get(String uri, Map<String, String> headers) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setLocalAddress(sourceAddress));
        try {
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.GET)
                    .setHost("127.0.0.1")
                    .setPort(RestAssured.port)
                    .setURI(uri);
            headers.forEach(options::putHeader);
            return client.request(options)
                    .compose(request -> request.send())
                    .compose(response -> response.body().map(body -> reply(response, body)))
                    .toCompletionStage().toCompletableFuture().join();
        } finally {
            client.close();
        }
    }

    private static Reply reply(HttpClientResponse response, Buffer body) {
        return new Reply(response.statusCode(), MultiMap.caseInsensitiveMultiMap().addAll(response.headers()),
                body.toString());
    }
}

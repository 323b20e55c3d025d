package io.therapyms.gateway.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A stand-in for one service: echoes every request as JSON ({@code service, method, path, query,
 * headers, body}), serves a small OpenAPI document and a readiness check, and, when asked, a
 * WebSocket echo. It can be stopped and started again on the same port to play a service that is down.
 */
public final class FakeBackend {

    /** Requests to a path ending in this are never answered, to play a hung service. */
    public static final String NEVER_ANSWERS = "/never-answers";
    /** A path ending so is answered by closing the connection the first time it is asked for, normally after. */
    public static final String CLOSES_FIRST_TIME = "/closes-first-time";
    /** Each value of this request header comes back as one {@code Set-Cookie} of the answer. */
    public static final String ECHO_SET_COOKIE = "X-Echo-Set-Cookie";
    /** The subprotocol the WebSocket echo accepts. */
    public static final String WEBSOCKET_SUBPROTOCOL = "tms.v1";

    private final Vertx vertx;
    private final String name;
    private final String documentedPath;
    private final boolean webSocketEcho;
    private int port;
    private HttpServer server;
    private volatile MultiMap lastWebSocketHeaders;
    private volatile boolean ready = true;
    private final Set<String> closedOnce = ConcurrentHashMap.newKeySet();

    FakeBackend(Vertx vertx, String name, String documentedPath, boolean webSocketEcho) {
        this.vertx = vertx;
        this.name = name;
        this.documentedPath = documentedPath;
        this.webSocketEcho = webSocketEcho;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The path this service's OpenAPI document declares. */
    public String documentedPath() {
        return documentedPath;
    }

    /** The headers of the latest WebSocket handshake that reached this backend. */
    public MultiMap lastWebSocketHeaders() {
        return lastWebSocketHeaders;
    }

    /** What {@code /q/health/ready} answers from now on: 200 when ready, 503 when not. */
    public void setReady(boolean ready) {
        this.ready = ready;
    }

    public synchronized void start() {
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(port);
        if (webSocketEcho) {
            options.setWebSocketSubProtocols(List.of(WEBSOCKET_SUBPROTOCOL));
        }
        HttpServer starting = vertx.createHttpServer(options).requestHandler(this::handle);
        if (webSocketEcho) {
            starting.webSocketHandler(socket -> {
                lastWebSocketHeaders = MultiMap.caseInsensitiveMultiMap().addAll(socket.headers());
                socket.textMessageHandler(socket::writeTextMessage);
            });
        }
        server = starting.listen().toCompletionStage().toCompletableFuture().join();
        port = server.actualPort();
    }

    public synchronized void stop() {
        server.close().toCompletionStage().toCompletableFuture().join();
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (path.equals("/q/health/ready")) {
            request.response().setStatusCode(ready ? 200 : 503).putHeader("Content-Type", "application/json")
                    .end(ready ? "{\"status\":\"UP\",\"checks\":[]}" : "{\"status\":\"DOWN\",\"checks\":[]}");
        } else if (path.equals("/q/openapi")) {
            request.response().putHeader("Content-Type", "application/json").end(openApiDocument().encode());
        } else if (path.endsWith(NEVER_ANSWERS)) {
            request.body();
        } else if (path.endsWith(CLOSES_FIRST_TIME) && closedOnce.add(request.method() + " " + path)) {
            request.connection().close();
        } else {
            request.body().onSuccess(body -> {
                JsonObject headers = new JsonObject();
                request.headers().names().forEach(header -> headers.put(header.toLowerCase(),
                        String.join(",", request.headers().getAll(header))));
                request.headers().getAll(ECHO_SET_COOKIE).forEach(cookie -> request.response().headers().add("Set-Cookie", cookie));
                request.response()
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Server", "fake-backend/1.0")
                        .putHeader("Keep-Alive", "timeout=5")
                        .end(new JsonObject()
                                .put("service", name)
                                .put("port", port)
                                .put("method", request.method().name())
                                .put("path", path)
                                .put("query", request.query())
                                .put("headers", headers)
                                .put("body", body.toString())
                                .encode());
            });
        }
    }

    /**
     * Every fake declares its own path and item schema, an identical {@code Problem} schema (to be
     * kept once when merged) and a {@code Page} schema whose content differs per service (to clash).
     */
    private JsonObject openApiDocument() {
        String itemSchema = name.replace("-", "_") + "_item";
        JsonObject listOperation = new JsonObject()
                .put("operationId", name + "-list")
                .put("tags", new JsonArray().add(name))
                .put("responses", new JsonObject().put("200", new JsonObject()
                        .put("description", "a page")
                        .put("content", new JsonObject().put("application/json", new JsonObject()
                                .put("schema", new JsonObject().put("$ref", "#/components/schemas/Page"))))));
        JsonObject problem = new JsonObject().put("type", "object")
                .put("properties", new JsonObject().put("title", new JsonObject().put("type", "string")));
        JsonObject page = new JsonObject().put("type", "object")
                .put("properties", new JsonObject().put("items", new JsonObject()
                        .put("type", "array")
                        .put("items", new JsonObject().put("$ref", "#/components/schemas/" + itemSchema))));
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", name).put("version", "test"))
                .put("paths", new JsonObject().put(documentedPath, new JsonObject().put("get", listOperation)))
                .put("tags", new JsonArray().add(new JsonObject().put("name", name)))
                .put("components", new JsonObject().put("schemas", new JsonObject()
                        .put(itemSchema, new JsonObject().put("type", "object"))
                        .put("Problem", problem)
                        .put("Page", page)));
    }

    static Map<String, String> documentedPaths() {
        return Map.of(
                "auth-service", "/api/login",
                "client-service", "/api/clients",
                "therapist-service", "/api/therapists",
                "scheduling-service", "/api/sessions",
                "journal-service", "/api/journals/{clientId}",
                "messaging-service", "/api/messages",
                "analytics-service", "/api/analytics/practice");
    }
}

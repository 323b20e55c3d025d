package io.therapyms.gateway.routing;

import java.net.ConnectException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.netty.channel.ConnectTimeoutException;
import io.therapyms.gateway.config.GatewayConfig;
import io.therapyms.gateway.edge.ApiPaths;
import io.therapyms.gateway.edge.ProblemResponse;
import io.therapyms.gateway.routing.Backend.Instance;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Forwards requests to their backend with Vert.x's reverse proxy: bodies stream in both directions,
 * never buffered. A backend that cannot be reached answers 502 and one that is too slow 504, as
 * problem+json, with nothing about the backend in the body.
 */
@ApplicationScoped
public class BackendProxies {

    private static final Logger LOG = Logger.getLogger(BackendProxies.class);

    private final HttpClient client;
    private final GatewayConfig.Timeouts timeouts;
    private final Map<String, HttpProxy> proxiesByBackend = new HashMap<>();
    private final InstanceBalancer balancer;

    @Inject
    BackendProxies(Vertx vertx, GatewayConfig config, RouteTable routes, InstanceBalancer balancer) {
        this.timeouts = config.timeouts();
        this.balancer = balancer;
        this.client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setConnectTimeout((int) timeouts.connect().toMillis())
                        // Bodies pass through as the backend encoded them.
                        .setDecompressionSupported(false),
                new PoolOptions().setHttp1MaxSize(64));
        for (Backend backend : routes.backends()) {
            // Upgrades never reach these proxies (see tunnelWebSocket), so they need no WebSocket support.
            HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client)
                    .origin(context -> connect(backend, balancer.order(backend), 0, true))
                    .addInterceptor(new BackendFailures(backend,
                            () -> connect(backend, balancer.order(backend), 0, true)));
            proxiesByBackend.put(backend.name(), proxy);
        }
    }

    void forward(HttpServerRequest request, Backend backend) {
        proxiesByBackend.get(backend.name()).handle(request);
    }

    /**
     * Passes a WebSocket upgrade (headers such as {@code Sec-WebSocket-Protocol} included) to the
     * backend and, once it agrees, joins the two connections. The backend connection is opened first
     * so that an unreachable backend gets the same problem+json 502 as any other request.
     */
    void tunnelWebSocket(HttpServerRequest request, Backend backend) {
        request.pause();
        // No idle timeout: a quiet WebSocket is normal and must not be cut.
        connect(backend, balancer.order(backend), 0, false).onComplete(connected -> {
            if (connected.succeeded()) {
                HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(true), client)
                        .origin(context -> Future.succeededFuture(connected.result()))
                        .handle(request);
            } else {
                request.resume();
                BackendFailure.of(connected.cause()).sendTo(request.response());
                LOG.warnf("WebSocket upgrade to %s failed: %s", backend.name(), ApiPaths.redacted(connected.cause().toString()));
            }
        });
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * A request to the first instance in {@code order} that accepts a connection. Nothing has been sent when a
     * connection fails, so trying the next instance is safe for every method: an instance that died (kill -9)
     * costs the requests it was serving, not the ones that come after.
     */
    private Future<HttpClientRequest> connect(Backend backend, List<Instance> order, int attempt, boolean withIdleTimeout) {
        Instance instance = order.get(attempt);
        return client.request(requestOptions(instance, withIdleTimeout)).recover(cause -> {
            if (!(cause instanceof ConnectException || cause instanceof ConnectTimeoutException)) {
                return Future.failedFuture(cause);
            }
            balancer.connectionFailed(backend.name(), instance);
            return attempt + 1 < order.size()
                    ? connect(backend, order, attempt + 1, withIdleTimeout)
                    : Future.failedFuture(cause);
        });
    }

    private RequestOptions requestOptions(Instance instance, boolean withIdleTimeout) {
        RequestOptions options = new RequestOptions()
                .setHost(instance.host())
                .setPort(instance.port())
                .setSsl(instance.tls())
                .setConnectTimeout(timeouts.connect().toMillis());
        if (withIdleTimeout) {
            options.setIdleTimeout(timeouts.response().toMillis());
        }
        return options;
    }

    /** What the client is told when the exchange with a backend fails. */
    private record BackendFailure(int status, String slug, String title, String detail) {

        static BackendFailure of(Throwable cause) {
            if (cause instanceof TimeoutException || cause instanceof ConnectTimeoutException) {
                return new BackendFailure(504, "gateway-timeout", "Gateway timeout",
                        "The service did not answer in time. Try again later.");
            }
            return new BackendFailure(502, "bad-gateway", "Bad gateway", cause instanceof ConnectException
                    ? "The service is unavailable. Try again later."
                    : "The service could not complete the request. Try again later.");
        }

        Buffer body() {
            return ProblemResponse.body(status, slug, title, detail);
        }

        void sendTo(HttpServerResponse response) {
            ProblemResponse.send(response, status, slug, title, detail);
        }
    }

    /**
     * Turns a failed exchange into problem+json and keeps hop-by-hop headers of the backend's answer from the client.
     * A bodiless GET or HEAD whose connection closed before any answer is sent once more on a new connection: a
     * pooled keep-alive connection the backend closed at that moment (an instance shutting down, an idle timeout)
     * is not the client's problem, and reading twice changes nothing. Anything else is never repeated.
     */
    private static final class BackendFailures implements ProxyInterceptor {

        private final Backend backend;
        private final Supplier<Future<HttpClientRequest>> origin;

        BackendFailures(Backend backend, Supplier<Future<HttpClientRequest>> origin) {
            this.backend = backend;
            this.origin = origin;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            return context.sendRequest().recover(cause -> {
                if (!(cause instanceof HttpClosedException) || !repeatable(context.request())) {
                    return Future.failedFuture(cause);
                }
                LOG.infof("Connection to %s closed before an answer; %s sent again", backend.name(),
                        context.request().getMethod());
                context.request().setBody(null);
                return origin.get().compose(request -> context.request().send(request));
            }).recover(cause -> {
                LOG.warnf("Request to %s failed: %s", backend.name(), ApiPaths.redacted(cause.toString()));
                BackendFailure failure = BackendFailure.of(cause);
                ProxyResponse problem = context.request().release().response()
                        .setStatusCode(failure.status())
                        .putHeader(HttpHeaders.CONTENT_TYPE, ProblemResponse.MEDIA_TYPE)
                        .setBody(Body.body(failure.body()));
                return Future.succeededFuture(problem);
            });
        }

        private static boolean repeatable(ProxyRequest request) {
            MultiMap headers = request.proxiedRequest().headers();
            String length = headers.get(HttpHeaders.CONTENT_LENGTH);
            boolean bodiless = !headers.contains(HttpHeaders.TRANSFER_ENCODING) && (length == null || length.trim().equals("0"));
            return bodiless && (request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD);
        }

        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            ForwardedHeaders.removeHopByHop(context.response().headers());
            return context.sendResponse();
        }
    }
}

package io.therapyms.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.therapyms.gateway.edge.ApiPaths;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the web app (module web/app, class-path folder {@code webapp/}) from the API's origin, as API.md
 * "Web app" asks: hashed files under {@code /assets/} cached for a year, and index.html with {@code no-store}
 * and the app's CSP for {@code /} and every client-side route. A route is any GET of a path outside the
 * gateway's own prefixes whose last segment has no file extension, asked for by a browser (accepts HTML);
 * everything else goes on to the next handler, so unknown {@code /api} paths stay problem+json 404s.
 */
@ApplicationScoped
public class WebApp {

    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; media-src 'self' blob: mediastream:; connect-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private static final Logger LOG = Logger.getLogger(WebApp.class);
    private static final String ROOT = "webapp/";
    private static final String ASSETS = "/assets/";
    /** Vite's file names: no directories, no dot segments. */
    private static final Pattern ASSET_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,200}");
    private static final String[] NOT_APP = { "/health", "/q", "/.well-known" };
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "woff2", "font/woff2",
            "json", "application/json",
            "txt", "text/plain; charset=utf-8");

    private final Buffer index;
    /** Assets are immutable per name, so each is read from the class path once. Missing ones are not cached. */
    private final Map<String, Buffer> assets = new ConcurrentHashMap<>();

    WebApp() {
        this.index = read(ROOT + "index.html").orElse(null);
        if (index == null) {
            LOG.warn("web app not on the class path (webapp/index.html): / and the app's routes answer 404");
        }
    }

    /** The handler for {@code GET/HEAD /assets/*}. */
    public void asset(RoutingContext context) {
        String path = context.request().path();
        String name = path.substring(ASSETS.length());
        if (!ASSET_NAME.matcher(name).matches() || name.contains("..")) {
            context.next();
            return;
        }
        Buffer cached = assets.get(name);
        if (cached != null) {
            sendAsset(context, name, cached);
            return;
        }
        context.vertx().<Optional<Buffer>>executeBlocking(() -> read(ROOT + "assets/" + name), false)
                .onSuccess(found -> {
                    if (found.isEmpty()) {
                        context.next();
                    } else {
                        assets.putIfAbsent(name, found.get());
                        sendAsset(context, name, found.get());
                    }
                })
                .onFailure(context::fail);
    }

    /** The handler for the app's pages; passes on whatever is not one. */
    public void page(RoutingContext context) {
        if (index == null || !isAppRoute(context)) {
            context.next();
            return;
        }
        HttpServerResponse response = context.response();
        response.putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("Content-Security-Policy", CSP);
        if (context.request().method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(index.length())).end();
        } else {
            response.end(index);
        }
    }

    static boolean isAppRoute(RoutingContext context) {
        HttpMethod method = context.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return false;
        }
        String path = context.request().path();
        if (path == null || !path.startsWith("/") || ApiPaths.isApi(path) || path.startsWith(ASSETS)) {
            return false;
        }
        if (path.startsWith("/api-docs")) {
            return false;
        }
        for (String prefix : NOT_APP) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return false;
            }
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.contains(".")) {
            return false;
        }
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        return accept == null || accept.contains("text/html") || accept.contains("*/*");
    }

    private static void sendAsset(RoutingContext context, String name, Buffer body) {
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        HttpServerResponse response = context.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, TYPES.getOrDefault(extension, "application/octet-stream"))
                .putHeader(HttpHeaders.CACHE_CONTROL, IMMUTABLE);
        if (context.request().method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length())).end();
        } else {
            response.end(body);
        }
    }

    private static Optional<Buffer> read(String resource) {
        ClassLoader loader = WebApp.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

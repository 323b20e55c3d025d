package io.therapyms.clients.export;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.therapyms.platform.errors.ServiceUnavailableException;

/**
 * Fetches every other service's part of a client's export ({@code GET /internal/export/clients/{clientId}}, see
 * platform {@code ExportParts}) at once, with the caller's own token: each service applies the same rule (the
 * client or an admin) itself, so this service holds no credential of its own that could read another's data.
 * All or nothing: one part missing, late or refused fails the whole export with 503, because a partial export
 * presented as complete would be a false answer to a right-of-access request.
 */
@Singleton
public class ExportPartsClient {

    private static final Logger LOG = Logger.getLogger(ExportPartsClient.class);
    private static final String PATH = "/internal/export/clients/";

    @Inject
    ExportConfig config;

    @Inject
    ObjectMapper json;

    private HttpClient http;

    @PostConstruct
    void init() {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The parts by section name, in a fixed order; 503 unless every service answered 200. */
    public Map<String, JsonNode> fetch(String clientId, String authorization) {
        Map<String, String> services = new LinkedHashMap<>();
        services.put("account", config.services().account());
        services.put("therapists", config.services().therapists());
        services.put("scheduling", config.services().scheduling());
        services.put("journal", config.services().journal());
        services.put("messaging", config.services().messaging());
        Duration timeout = config.timeout();
        Map<String, CompletableFuture<HttpResponse<byte[]>>> pending = new LinkedHashMap<>();
        services.forEach((part, base) -> pending.put(part, http.sendAsync(HttpRequest.newBuilder()
                .uri(URI.create(stripSlash(firstOf(base)) + PATH + URLEncoder.encode(clientId, StandardCharsets.UTF_8)))
                .timeout(timeout).header("Authorization", authorization).header("Accept", "application/json")
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray())));
        Map<String, JsonNode> parts = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<String, CompletableFuture<HttpResponse<byte[]>>> entry : pending.entrySet()) {
            parts.put(entry.getKey(), await(entry.getKey(), entry.getValue(), deadline));
        }
        return parts;
    }

    private JsonNode await(String part, CompletableFuture<HttpResponse<byte[]>> response, long deadline) {
        try {
            HttpResponse<byte[]> answer = response.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (answer.statusCode() != 200) {
                LOG.warnf("Export part %s answered %d; the export is refused", part, answer.statusCode());
                throw unavailable();
            }
            return json.readTree(answer.body());
        } catch (ExecutionException | TimeoutException | IOException e) {
            LOG.warnf("Export part %s did not answer (%s); the export is refused", part, e.getClass().getSimpleName());
            response.cancel(true);
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    private static ServiceUnavailableException unavailable() {
        return new ServiceUnavailableException("A service holding part of the client's data did not answer, so "
                + "no export was made (a partial one would not be complete). Try again shortly.", Duration.ofSeconds(30));
    }

    /** A URL variable may list several instances (the gateway balances them); the first one is asked here. */
    private static String firstOf(String urls) {
        return urls.split(",")[0].strip();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

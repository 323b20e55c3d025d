package io.therapyms.clients;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The other services' export parts ({@code GET /internal/export/clients/{id}}) played by one local HTTP server, a
 * base path per service; each part is a fixed document. A part named in {@link #DOWN} answers 503 and one in
 * {@link #SILENT} never answers in time, as a service that is down or hung would. The real parts run in
 * system-tests' {@code ClientExportTest}.
 */
public class FakeExportParts implements QuarkusTestResourceLifecycleManager {

    static final Set<String> DOWN = ConcurrentHashMap.newKeySet();
    static final String THERAPIST_ID = "7f0e7c7a-4d1b-4c55-9a53-2b8f3f6c1a10";
    static final String SESSION_ID = "0c9a3c8e-58f4-4f7e-8a8b-5a7d0b1c2d3e";
    static final String PRIVATE_MARKER = "never-here";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (String part : new String[] {"account", "therapists", "scheduling", "journal", "messaging"}) {
            server.createContext("/" + part + "/internal/export/clients/", exchange -> answer(part, exchange));
        }
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        return Map.of("tms.export.services.account", base + "account",
                "tms.export.services.therapists", base + "therapists",
                "tms.export.services.scheduling", base + "scheduling",
                "tms.export.services.journal", base + "journal",
                "tms.export.services.messaging", base + "messaging",
                "tms.export.timeout", "5s");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void answer(String part, HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String clientId = path.substring(path.lastIndexOf('/') + 1);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        int status;
        String body;
        if (DOWN.contains(part)) {
            status = 503;
            body = "{}";
        } else if (authorization == null || !authorization.startsWith("Bearer ")) {
            status = 401; // the caller's token must be forwarded
            body = "{}";
        } else {
            status = 200;
            body = document(part, clientId);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String document(String part, String clientId) {
        return switch (part) {
            case "account" -> """
                    {"userId":"%s","email":"%s@test.local","name":"Export Client","role":"client","active":true,
                     "createdAt":"2026-11-01T09:00:00Z","passwordChangedAt":"2026-11-01T09:00:00Z",
                     "mfa":{"totp":false,"passkeys":0}}""".formatted(clientId, clientId);
            case "therapists" -> """
                    {"mappingRequests":[{"mappingRequestId":"5b6b1f0e-0a51-4b52-8a3c-7f6c2b1e0d11","clientId":"%s",
                      "therapistId":"%s","requestedBy":"client","status":"approved","createdAt":"2026-11-02T09:00:00Z"}],
                     "therapists":[{"therapistId":"%s","name":"Dr Fake","expertise":["anxiety"],"location":"Berlin",
                      "bio":null,"languages":[],"acceptingClients":true,"verified":true}]}"""
                    .formatted(clientId, THERAPIST_ID, THERAPIST_ID);
            case "scheduling" -> """
                    {"sessions":[{"sessionId":"%s","clientId":"%s","therapistId":"%s","slotId":"s","startTime":"2026-11-10T09:00:00Z",
                      "endTime":"2026-11-10T09:50:00Z","status":"completed","sharedNotes":"Practise breathing"}],
                     "appointmentRequests":[]}""".formatted(SESSION_ID, clientId, THERAPIST_ID);
            case "journal" -> """
                    {"entries":[{"journalEntryId":"1d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f00","clientId":"%s","content":"A calm day",
                      "feeling":"calm","intensity":3,"time":"2026-11-11T20:00:00Z","private":false,
                      "createdAt":"2026-11-11T20:00:00Z","updatedAt":"2026-11-11T20:00:00Z"}],
                     "accessRequests":[{"journalAccessRequestId":"2e9f0a1b-2c3d-4e4f-9a5b-6c7d8e9f0a11","clientId":"%s",
                      "therapistId":"%s","reason":null,"expiresAt":null,"status":"approved",
                      "createdAt":"2026-11-12T09:00:00Z","updatedAt":"2026-11-12T10:00:00Z"}],
                     "accessLog":[{"therapistId":"%s","action":"list","entryIds":["1d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f00"],
                      "at":"2026-11-12T11:00:00Z"}],
                     "measures":[{"measureId":"3f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b22","instrument":"PHQ-9",
                      "answers":[1,1,1,1,1,1,1,1,0],"score":8,"severity":"mild","completedAt":"2026-11-13T09:00:00Z",
                      "safetyFollowUp":false},
                      {"measureId":"4a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c33","instrument":"GAD-7",
                      "answers":[3,3,3,3,3,3,3],"score":21,"severity":"severe","completedAt":"2026-11-13T09:05:00Z",
                      "safetyFollowUp":false}]}""".formatted(clientId, clientId, THERAPIST_ID, THERAPIST_ID);
            default -> """
                    {"messages":[{"messageId":"5b2c3d4e-5f6a-4b7c-8d8e-9f0a1b2c3d44","senderId":"%s","recipientId":"%s",
                      "content":"Hello","status":"read","timestamp":"2026-11-14T09:00:00Z","edited":false,"deleted":false}]}"""
                    .formatted(clientId, THERAPIST_ID);
        };
    }
}

package io.therapyms.systemtests.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.restassured.response.Response;

/** Secure messages between a linked client and therapist, through the gateway. */
public final class Messages {

    private Messages() {
    }

    /** Sends a message; returns its id. */
    public static String send(Api api, User from, User to, String content) {
        Response sent = api.as(from).body(Map.of("recipientId", to.id(), "content", content)).post("/api/messages");
        assertThat(sent.statusCode()).as("message: %s", sent.asString()).isEqualTo(201);
        return sent.path("messageId");
    }

    /** How many messages from {@code other} {@code user} has not read, as their conversation list says. */
    public static int unreadFrom(Api api, User user, User other) {
        return api.allPages(user, "/api/conversations", Map.of(), page -> page.<Map<String, Object>>getList("items"))
                .stream()
                .filter(conversation -> other.id().equals(conversation.get("withUserId")))
                .map(conversation -> ((Number) conversation.get("unreadCount")).intValue())
                .findFirst()
                .orElse(0);
    }
}

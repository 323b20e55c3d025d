package io.therapyms.systemtests.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.restassured.response.Response;

/** A client's journal, written through the gateway. */
public final class Journal {

    private Journal() {
    }

    /** Writes an entry; returns its id. */
    public static String write(Api api, User client, String content, String feeling, int intensity, boolean isPrivate) {
        Response entry = api.as(client)
                .body(Map.of("content", content, "feeling", feeling, "intensity", intensity, "private", isPrivate))
                .post("/api/journals/{id}", client.id());
        assertThat(entry.statusCode()).as("journal entry: %s", entry.asString()).isEqualTo(201);
        return entry.path("journalEntryId");
    }
}

package io.therapyms.messaging;

import static io.therapyms.messaging.MessagingApi.as;
import static io.therapyms.messaging.MessagingApi.conversationPartners;
import static io.therapyms.messaging.MessagingApi.markRead;
import static io.therapyms.messaging.MessagingApi.sent;
import static io.therapyms.messaging.MessagingApi.unread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.messaging.MessagingApi.User;
import io.therapyms.messaging.messages.ConversationProjection;
import io.therapyms.messaging.messages.MessageRepository;
import io.therapyms.messaging.messages.StoredMessage;

/**
 * Unread counts and conversation order through the API, and their convergence when a crash cuts a
 * change short: the crash is simulated by performing only the message write (what a request had
 * done when its instance died), or by projecting a stale or repeated state of the message.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class UnreadCountTest {

    @Inject
    PlatformEvents events;

    @Inject
    MessageRepository messages;

    @Inject
    ConversationProjection projection;

    @Test
    void unreadCountFollowsSendReadAndDelete() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.link(client, therapist);

        String a = sent(client, therapist, "a");
        String b = sent(client, therapist, "b");
        String c = sent(client, therapist, "c");
        assertThat(unread(therapist, client)).isEqualTo(3);
        assertThat(unread(client, therapist)).isZero(); // own messages are never unread

        markRead(therapist, a).then().statusCode(200);
        markRead(therapist, a).then().statusCode(200); // again: counts once
        assertThat(unread(therapist, client)).isEqualTo(2);

        as(client).delete("/api/messages/" + b).then().statusCode(204); // unread deleted → down
        as(client).delete("/api/messages/" + b).then().statusCode(204); // again: counts once
        assertThat(unread(therapist, client)).isEqualTo(1);

        as(client).delete("/api/messages/" + a).then().statusCode(204); // already read → unchanged
        assertThat(unread(therapist, client)).isEqualTo(1);

        as(client).body(Map.of("content", "c, edited")).put("/api/messages/" + c).then().statusCode(200);
        assertThat(unread(therapist, client)).isEqualTo(1); // an edit is no new message

        markRead(therapist, c).then().statusCode(200);
        assertThat(unread(therapist, client)).isZero();
    }

    @Test
    void aSendCutShortAfterTheMessageWriteIsCountedOnce() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.link(client, therapist);
        String id = UUID.randomUUID().toString();
        messages.create(id, client.id(), therapist.id(), "written, then the instance died", Instant.now());

        // the sweeper finishes the projection: both conversation items exist, the message counts once
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(unread(therapist, client)).isEqualTo(1);
            assertThat(conversationPartners(client)).containsExactly(therapist.id());
            assertThat(projectionDue(id)).isFalse();
        });
        projection.settle(messages.find(id).orElseThrow()); // a redelivery of the same work
        assertThat(unread(therapist, client)).isEqualTo(1);
        markRead(therapist, id).then().statusCode(200);
        assertThat(unread(therapist, client)).isZero();
    }

    @Test
    void aReadOrDeleteCutShortAfterTheMessageWriteIsUncountedOnce() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.link(client, therapist);
        String read = sent(client, therapist, "to be read");
        String deleted = sent(client, therapist, "to be deleted");
        String kept = sent(client, therapist, "stays unread");
        assertThat(unread(therapist, client)).isEqualTo(3);

        messages.markRead(messages.find(read).orElseThrow(), therapist.id());
        messages.tombstone(messages.find(deleted).orElseThrow());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(unread(therapist, client)).isEqualTo(1);
            assertThat(projectionDue(read)).isFalse();
            assertThat(projectionDue(deleted)).isFalse();
        });
        // the API agrees with the store: repeating the read or the delete changes nothing
        markRead(therapist, read).then().statusCode(200);
        as(client).delete("/api/messages/" + deleted).then().statusCode(204);
        assertThat(unread(therapist, client)).isEqualTo(1);
        markRead(therapist, kept).then().statusCode(200);
        assertThat(unread(therapist, client)).isZero();
    }

    @Test
    void projectingAStaleOrRepeatedStateConvergesToTheStoredOne() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.link(client, therapist);
        String id = sent(client, therapist, "a");
        StoredMessage asSent = messages.find(id).orElseThrow();

        projection.settle(asSent);
        projection.settle(asSent); // repeated: still counted once
        assertThat(unread(therapist, client)).isEqualTo(1);

        markRead(therapist, id).then().statusCode(200);
        assertThat(unread(therapist, client)).isZero();
        // a projection of the sent state that finishes after the read (out of order): it re-counts the
        // message for a moment, then sees the newer version and projects that
        projection.settle(asSent);
        assertThat(unread(therapist, client)).isZero();
        assertThat(projectionDue(id)).isFalse();
    }

    @Test
    void concurrentProjectionsRacingTheReadOfTheSameMessageEndRight() throws Exception {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.link(client, therapist);
        String a = sent(client, therapist, "a");
        sent(client, therapist, "b");
        StoredMessage asSent = messages.find(a).orElseThrow();
        // as if several instances were projecting the send while the recipient reads it
        List<Callable<Integer>> work = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            work.add(() -> {
                projection.settle(asSent);
                return 200;
            });
        }
        for (int i = 0; i < 2; i++) {
            work.add(() -> markRead(therapist, a).statusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            for (var result : pool.invokeAll(work)) {
                assertThat(result.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(unread(therapist, client)).isEqualTo(1);
        assertThat(projectionDue(a)).isFalse();
    }

    /** Whether the message still waits for its conversation projection (its sparse due entry). */
    private boolean projectionDue(String messageId) {
        return messages.find(messageId).orElseThrow().projectionDue();
    }

    @Test
    void concurrentReadsOfOneMessageCountDownOnce() throws Exception {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.link(client, therapist);
        String a = sent(client, therapist, "a");
        sent(client, therapist, "b");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> reads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                reads.add(() -> markRead(therapist, a).statusCode());
            }
            for (var result : pool.invokeAll(reads)) {
                assertThat(result.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(unread(therapist, client)).isEqualTo(1);
    }

    @Test
    void conversationsAreMostRecentFirst() {
        User therapist = MessagingApi.therapist();
        User first = MessagingApi.client();
        User second = MessagingApi.client();
        events.link(first, therapist);
        events.link(second, therapist);
        sent(therapist, first, "to first");
        sent(therapist, second, "to second");
        assertThat(as(therapist).get("/api/conversations").then().statusCode(200).extract().jsonPath()
                .getList("items.withUserId", String.class)).containsExactly(second.id(), first.id());
        sent(first, therapist, "first again");
        var list = as(therapist).get("/api/conversations").then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("items.withUserId", String.class)).containsExactly(first.id(), second.id());
        assertThat(list.getString("items[0].lastMessageAt")).endsWith("Z");
    }

    /** API.md's list convention ({items, nextCursor}, limit, cursor) holds for conversations too. */
    @Test
    void conversationsArePagedLikeEveryList() {
        User therapist = MessagingApi.therapist();
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            User client = MessagingApi.client();
            events.link(client, therapist);
            sent(client, therapist, "hello " + i);
            newestFirst.add(0, client.id());
        }
        var first = as(therapist).get("/api/conversations?limit=2").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items", Map.class)).hasSize(2)
                .allSatisfy(row -> assertThat(row).containsOnlyKeys("withUserId", "lastMessageAt", "unreadCount", "withUserDeleted"));
        String cursor = first.getString("nextCursor");
        assertThat(cursor).isNotBlank();
        var second = as(therapist).queryParam("cursor", cursor).get("/api/conversations?limit=2").then().statusCode(200)
                .extract().jsonPath();
        List<String> all = new ArrayList<>(first.getList("items.withUserId", String.class));
        all.addAll(second.getList("items.withUserId", String.class));
        assertThat(all).containsExactlyElementsOf(newestFirst);
        assertThat(second.getString("nextCursor")).isNull();

        as(therapist).queryParam("cursor", cursor + "x").get("/api/conversations").then().statusCode(400);
        as(MessagingApi.therapist()).queryParam("cursor", cursor).get("/api/conversations").then().statusCode(400);
        as(therapist).get("/api/conversations?limit=201").then().statusCode(400);
        as(therapist).get("/api/conversations?limit=ten").then().statusCode(400);
    }
}

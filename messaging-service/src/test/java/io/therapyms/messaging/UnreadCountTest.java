package io.therapyms.messaging;

import static io.therapyms.messaging.MessagingApi.as;
import static io.therapyms.messaging.MessagingApi.markRead;
import static io.therapyms.messaging.MessagingApi.sent;
import static io.therapyms.messaging.MessagingApi.unread;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.messaging.MessagingApi.User;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class UnreadCountTest {

    @Inject
    PlatformEvents events;

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

        markRead(therapist, c).then().statusCode(200);
        assertThat(unread(therapist, client)).isZero();
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
}

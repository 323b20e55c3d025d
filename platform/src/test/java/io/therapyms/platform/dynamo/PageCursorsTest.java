package io.therapyms.platform.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.therapyms.platform.errors.BadRequestException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class PageCursorsTest {

    private final PageCursors cursors = new PageCursors("test-secret");
    private final Map<String, AttributeValue> lastKey = Map.of(
            "pk", AttributeValue.fromS("client#42"),
            "sk", AttributeValue.fromS("entry#2026-12-01T10:00:00Z"),
            "n", AttributeValue.fromN("7"));

    @Test
    void roundTripsALastEvaluatedKey() {
        String cursor = cursors.encode(lastKey, "journal:42");
        assertThat(cursors.decode(cursor, "journal:42")).isEqualTo(lastKey);
    }

    @Test
    void hasNoCursorAfterTheLastPage() {
        assertThat(cursors.encode(null, "s")).isNull();
        assertThat(cursors.encode(Map.of(), "s")).isNull();
        assertThat(cursors.decode(null, "s")).isNull();
    }

    @Test
    void rejectsAModifiedCursor() {
        String cursor = cursors.encode(lastKey, "journal:42");
        String payload = new String(Base64.getUrlDecoder().decode(cursor.substring(0, cursor.indexOf('.'))), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace("client#42", "client#43").getBytes(StandardCharsets.UTF_8))
                + cursor.substring(cursor.indexOf('.'));
        assertThatThrownBy(() -> cursors.decode(forged, "journal:42")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> cursors.decode(cursor + "x", "journal:42")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> cursors.decode("garbage", "journal:42")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> cursors.decode("a.b.c", "journal:42")).isInstanceOf(BadRequestException.class);
    }

    @Test
    void rejectsACursorFromAnotherQuery() {
        String cursor = cursors.encode(lastKey, "journal:42");
        assertThatThrownBy(() -> cursors.decode(cursor, "journal:43")).isInstanceOf(BadRequestException.class);
    }

    @Test
    void rejectsACursorSignedWithAnotherSecret() {
        String cursor = new PageCursors("other-secret").encode(lastKey, "journal:42");
        assertThatThrownBy(() -> cursors.decode(cursor, "journal:42")).isInstanceOf(BadRequestException.class);
    }
}

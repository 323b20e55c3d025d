package io.therapyms.platform.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

class SortableTimeTest {

    private static final List<Instant> ASCENDING = List.of(Instant.parse("2026-03-01T10:00:00Z"),
            Instant.parse("2026-03-01T10:00:00.000001Z"), Instant.parse("2026-03-01T10:00:00.5Z"),
            Instant.parse("2026-03-01T10:00:01Z"), Instant.parse("2026-03-01T10:00:10.123456789Z"));

    @Test
    void nanosIsFixedWidthAndSortsAsTheInstants() {
        List<String> texts = ASCENDING.stream().map(SortableTime::nanos).toList();

        assertThat(texts).extracting(String::length).containsOnly(30);
        assertThat(texts).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(texts.get(4)).isEqualTo("2026-03-01T10:00:10.123456789Z");
        assertThat(texts.stream().map(Instant::parse).toList()).isEqualTo(ASCENDING);
    }

    @Test
    void millisCutsTheRestOffAndSortsAsTheInstants() {
        List<String> texts = ASCENDING.stream().map(SortableTime::millis).toList();

        assertThat(texts).extracting(String::length).containsOnly(24);
        assertThat(texts).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(texts.get(1)).isEqualTo("2026-03-01T10:00:00.000Z");
        assertThat(SortableTime.millis(Instant.parse("2026-03-01T10:00:00.999999Z"))).isEqualTo("2026-03-01T10:00:00.999Z");
    }
}

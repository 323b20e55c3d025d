package io.therapyms.platform.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** InstantText must be indistinguishable from the JDK's Instant.parse / toString, only faster. */
class InstantTextTest {

    private static final long YEAR_0 = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

    @Test
    void formatsAndParsesExactlyAsTheJdkOverTheWholeFourDigitRange() {
        SplittableRandom random = new SplittableRandom(19);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(YEAR_0, YEAR_10000);
            // every fraction shape: none, millis, micros, nanos
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);

            String text = InstantText.format(instant);
            assertThat(text).isEqualTo(instant.toString());
            assertThat(InstantText.parse(text)).isEqualTo(instant);
            assertThat(SortableTime.nanos(instant)).isEqualTo(SortableTimeReference.nanos(instant));
            assertThat(SortableTime.millis(instant)).isEqualTo(SortableTimeReference.millis(instant));
            assertThat(InstantText.parse(SortableTime.nanos(instant))).isEqualTo(instant);
        }
    }

    @Test
    void parsesEveryFractionLength() {
        for (String text : List.of("2026-03-01T10:00:00.1Z", "2026-03-01T10:00:00.12Z", "2026-03-01T10:00:00.1234Z",
                "2026-03-01T10:00:00.12345678Z", "2026-03-01T10:00:00.000000000Z", "2024-02-29T23:59:59.999999999Z",
                "1969-12-31T23:59:59.5Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z")) {
            assertThat(InstantText.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void leavesEveryOtherShapeToTheJdkAndAnswersAsItDoes() {
        // some of these Instant.parse accepts (lower case, an offset, a leap second), most it refuses
        List<String> texts = List.of("2026-03-01t10:00:00z", "2026-03-01T10:00:00+01:00", "2026-03-01T10:00:00.Z",
                "+10000-01-01T00:00:00Z", "2026-03-01T23:59:60Z", "2026-02-29T10:00:00Z", "2026-13-01T10:00:00Z",
                "2026-00-01T10:00:00Z", "2026-03-01T24:00:00Z", "2026-03-01T10:60:00Z", "2026-03-01 10:00:00Z",
                "2026-03-01T10:00:00.1234567890Z", "2026-03-01T10:00Z", "20x6-03-01T10:00:00Z",
                "2026-03-01T10:00:00.12a4Z", "2026-03-01T10:00:00.-1Z", "", "2026-03-01T10:00:00");
        for (String text : texts) {
            assertThat(outcome(() -> InstantText.parse(text))).as(text).isEqualTo(outcome(() -> Instant.parse(text)));
        }
        assertThat(texts.stream().filter(text -> outcome(() -> Instant.parse(text)) instanceof Instant).count())
                .as("the list has accepted texts too").isGreaterThanOrEqualTo(3);
        assertThatThrownBy(() -> InstantText.parse("2026-02-29T10:00:00Z")).isInstanceOf(DateTimeParseException.class);
    }

    /** The instant, or the exception's class and message. */
    private static Object outcome(Supplier<Instant> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    @Test
    void formatsOutsideTheFourDigitYearsAsTheJdk() {
        for (Instant instant : List.of(Instant.MIN, Instant.MAX, Instant.ofEpochSecond(YEAR_0 - 1, 5),
                Instant.ofEpochSecond(YEAR_10000, 0))) {
            assertThat(InstantText.format(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void responsesWriteInstantsAsTheJsr310ModuleDidAndThroughInstantText() throws Exception {
        ObjectMapper jsr310 = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        ObjectMapper customized = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        new InstantJsonCustomizer().customize(customized);
        record Body(Instant at, List<Instant> times) {
        }
        Body body = new Body(Instant.parse("2026-03-01T10:00:00.120Z"),
                List.of(Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T10:00:00.000001Z")));

        assertThat(customized.writeValueAsString(body)).isEqualTo(jsr310.writeValueAsString(body))
                .contains("\"2026-03-01T10:00:00.120Z\"");
        assertThat(customized.getSerializerProviderInstance().findValueSerializer(Instant.class))
                .isInstanceOf(InstantJsonCustomizer.InstantTextSerializer.class);
        // timestamps asked for: the JSR-310 module's numbers
        ObjectMapper numbers = customized.copy().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        assertThat(numbers.writeValueAsString(body)).isEqualTo(
                jsr310.copy().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(body));
    }

    /** SortableTime's formats as they were, through DateTimeFormatter: what the fast path must equal. */
    private static final class SortableTimeReference {
        private static final DateTimeFormatter NANOS = DateTimeFormatter
                .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
        private static final DateTimeFormatter MILLIS = DateTimeFormatter
                .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

        static String nanos(Instant instant) {
            return NANOS.format(instant);
        }

        static String millis(Instant instant) {
            return MILLIS.format(instant);
        }
    }
}

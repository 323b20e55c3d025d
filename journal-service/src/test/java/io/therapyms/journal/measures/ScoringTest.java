package io.therapyms.journal.measures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Scoring and severity bands exactly as API.md lists them, at every band edge and the maximum. */
class ScoringTest {

    @ParameterizedTest(name = "{0} answers summing to {1} → {2}")
    @CsvSource({
            "PHQ-9, 0, minimal", "PHQ-9, 4, minimal", "PHQ-9, 5, mild", "PHQ-9, 9, mild", "PHQ-9, 10, moderate",
            "PHQ-9, 14, moderate", "PHQ-9, 15, moderately severe", "PHQ-9, 19, moderately severe",
            "PHQ-9, 20, severe", "PHQ-9, 27, severe",
            "GAD-7, 0, minimal", "GAD-7, 4, minimal", "GAD-7, 5, mild", "GAD-7, 9, mild", "GAD-7, 10, moderate",
            "GAD-7, 14, moderate", "GAD-7, 15, severe", "GAD-7, 19, severe", "GAD-7, 20, severe",
            "GAD-7, 21, severe" })
    void scoreAndSeverityAtEveryBandEdge(String name, int sum, String severity) {
        Instrument instrument = Instrument.of(name).orElseThrow();
        List<Integer> answers = answersSummingTo(instrument.items(), sum);

        int score = Instrument.score(answers);

        assertThat(score).isEqualTo(sum);
        assertThat(instrument.severity(score).wireName()).isEqualTo(severity);
    }

    @ParameterizedTest
    @CsvSource({ "PHQ-9, 9, 27", "GAD-7, 7, 21" })
    void itemsAndMaximum(String name, int items, int max) {
        Instrument instrument = Instrument.of(name).orElseThrow();
        assertThat(instrument.items()).isEqualTo(items);
        assertThat(instrument.maxScore()).isEqualTo(max);
    }

    /** Answers of 0–3 spread over the items, e.g. 10 over 9 items → 3,3,3,1,0,… */
    static List<Integer> answersSummingTo(int items, int sum) {
        List<Integer> answers = new ArrayList<>();
        int left = sum;
        for (int i = 0; i < items; i++) {
            int answer = Math.min(Instrument.MAX_ANSWER, left);
            answers.add(answer);
            left -= answer;
        }
        assertThat(left).as("sum within range").isZero();
        return answers;
    }
}

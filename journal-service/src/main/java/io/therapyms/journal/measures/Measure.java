package io.therapyms.journal.measures;

import java.time.Instant;
import java.util.List;

/** One completed questionnaire, as API.md shows it ({@code instrument} is "PHQ-9" or "GAD-7"). */
public record Measure(String measureId, String instrument, List<Integer> answers, int score, Severity severity,
        Instant completedAt, boolean safetyFollowUp) {

    public Measure {
        answers = List.copyOf(answers);
    }
}

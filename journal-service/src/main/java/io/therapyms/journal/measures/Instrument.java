package io.therapyms.journal.measures;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The two questionnaires with their published scoring: the sum of the item answers (each 0–3) and the severity
 * band the sum falls in (PHQ-9: Kroenke et al. 2001; GAD-7: Spitzer et al. 2006).
 */
public enum Instrument {
    PHQ_9("PHQ-9", 9, List.of(new Band(0, Severity.MINIMAL), new Band(5, Severity.MILD),
            new Band(10, Severity.MODERATE), new Band(15, Severity.MODERATELY_SEVERE), new Band(20, Severity.SEVERE))),
    GAD_7("GAD-7", 7, List.of(new Band(0, Severity.MINIMAL), new Band(5, Severity.MILD),
            new Band(10, Severity.MODERATE), new Band(15, Severity.SEVERE)));

    /** The lowest score of a band; a band runs up to the next band's lowest score. */
    record Band(int from, Severity severity) {
    }

    public static final int MAX_ANSWER = 3;

    private final String wireName;
    private final int items;
    private final List<Band> bands;

    Instrument(String wireName, int items, List<Band> bands) {
        this.wireName = wireName;
        this.items = items;
        this.bands = bands;
    }

    public String wireName() {
        return wireName;
    }

    public int items() {
        return items;
    }

    public int maxScore() {
        return items * MAX_ANSWER;
    }

    /** The sum of the answers (already checked: {@link #items()} answers, each 0–3). */
    public static int score(List<Integer> answers) {
        return answers.stream().mapToInt(Integer::intValue).sum();
    }

    public Severity severity(int score) {
        Severity found = bands.get(0).severity();
        for (Band band : bands) {
            if (score >= band.from()) {
                found = band.severity();
            }
        }
        return found;
    }

    public static Optional<Instrument> of(String wireName) {
        return Arrays.stream(values()).filter(i -> i.wireName.equals(wireName)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Instrument::wireName).toList();
    }
}

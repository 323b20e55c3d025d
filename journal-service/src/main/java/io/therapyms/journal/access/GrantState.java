package io.therapyms.journal.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The grant pair's {@code state}, stored by its lower-case name: the lock on the pair and the truth for access. */
enum GrantState {
    NONE, PENDING, APPROVED;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state as stored; empty if the attribute is absent (a tombstone or an unknown value). */
    static Optional<GrantState> fromStored(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}

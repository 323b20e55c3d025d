package io.therapyms.journal.entries;

import java.util.List;

import io.therapyms.platform.errors.BadRequestException;

/** The feeling vocabulary of API.md. */
public final class Feelings {

    public static final List<String> ALL = List.of("happy", "calm", "grateful", "hopeful", "proud", "content",
            "excited", "sad", "anxious", "angry", "frustrated", "lonely", "stressed", "tired", "overwhelmed", "scared",
            "ashamed", "guilty", "numb", "confused");

    private Feelings() {
    }

    public static String require(String feeling, String field) {
        if (feeling == null || !ALL.contains(feeling)) {
            throw BadRequestException.field(field, "must be one of: " + String.join(", ", ALL));
        }
        return feeling;
    }
}

package io.therapyms.journal.measures;

import java.util.Arrays;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

/** A severity band, named as the instruments' authors name them (API.md). */
@Schema(type = SchemaType.STRING, enumeration = { "minimal", "mild", "moderate", "moderately severe", "severe" })
public enum Severity {
    MINIMAL("minimal"), MILD("mild"), MODERATE("moderate"), MODERATELY_SEVERE("moderately severe"), SEVERE("severe");

    private final String wireName;

    Severity(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    static Severity stored(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Unknown stored severity"));
    }
}

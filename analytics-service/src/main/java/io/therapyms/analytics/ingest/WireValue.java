package io.therapyms.analytics.ingest;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonValue;

/** An enum constant with the lower-case value the events carry, the fact items store and the API shows. */
public interface WireValue {

    @JsonValue
    String wire();

    /** The constant for a stored or received value; null for null or a value this version does not know. */
    static <E extends Enum<E> & WireValue> E parse(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants()).filter(v -> v.wire().equals(value)).findFirst().orElse(null);
    }
}

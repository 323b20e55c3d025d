package io.therapyms.platform.wire;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule for status enums on the wire and in the store: the constant's lower-case name
 * ({@code NO_SHOW} is {@code no_show}). The enums keep their explicit {@code wireName()} (Jackson's
 * {@code @JsonValue}); these helpers spare each of them the same lookup code.
 */
public final class WireNames {

    private WireNames() {
    }

    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant whose wire name is {@code value}; empty for anything else, {@code null} included. */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> of(c).equals(value)).findFirst();
    }

    /** A value this service stored; anything else means the item was not written by it, which is a bug. */
    public static <E extends Enum<E>> E stored(Class<E> type, String value, String what) {
        return parse(type, value).orElseThrow(() -> new IllegalStateException("unknown stored " + what + ": " + value));
    }
}

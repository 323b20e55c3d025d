package io.therapyms.events;

/**
 * An event that does not honour the contract: not JSON, a missing or malformed attribute, an unknown
 * type or a schema violation. The message is one bounded line, meant for a dead-letter record header;
 * no stack trace is captured because the cause is the input, not the code.
 */
public class InvalidEventException extends RuntimeException {

    private static final int MAX_MESSAGE_LENGTH = 1000;

    public InvalidEventException(String message) {
        super(asHeaderValue(message), null, false, false);
    }

    private static String asHeaderValue(String message) {
        String oneLine = message.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_MESSAGE_LENGTH ? oneLine : oneLine.substring(0, MAX_MESSAGE_LENGTH - 3) + "...";
    }
}

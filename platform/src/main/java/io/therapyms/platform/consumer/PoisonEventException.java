package io.therapyms.platform.consumer;

/**
 * A record that can never be processed (not JSON, unknown type, fails its schema). It is not
 * retried: the channel's dead-letter strategy moves it to {@code <topic>.dlq} with this message.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message, null, false, false);
    }
}

package io.therapyms.devstack;

/** A piece of the local stack could not be started; the message says which and why, with the end of its log. */
public class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.therapyms.platform.errors;

import java.time.Duration;

/** 429: throttled; mapped with a {@code Retry-After} header in whole seconds. */
public class TooManyRequestsException extends ProblemException {

    private final Duration retryAfter;

    public TooManyRequestsException(String detail, Duration retryAfter) {
        super(429, "too-many-requests", "Too many requests", detail, null);
        this.retryAfter = retryAfter;
    }

    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}

package io.therapyms.platform.errors;

import java.time.Duration;

/** 429: throttled; mapped with a {@code Retry-After} header in whole seconds. */
public class TooManyRequestsException extends RetryLaterException {

    public TooManyRequestsException(String detail, Duration retryAfter) {
        super(429, "too-many-requests", "Too many requests", detail, retryAfter);
    }
}

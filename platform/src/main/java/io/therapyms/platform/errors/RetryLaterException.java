package io.therapyms.platform.errors;

import java.time.Duration;

/** A refusal that passes: mapped with a {@code Retry-After} header in whole seconds (at least one). */
public abstract class RetryLaterException extends ProblemException {

    private final Duration retryAfter;

    protected RetryLaterException(int status, String slug, String title, String detail, Duration retryAfter) {
        super(status, slug, title, detail, null);
        this.retryAfter = retryAfter;
    }

    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}

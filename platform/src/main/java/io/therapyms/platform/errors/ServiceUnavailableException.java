package io.therapyms.platform.errors;

import java.time.Duration;

/**
 * 503: the service is up but refuses this request for now (a bounded queue is full); mapped with a
 * {@code Retry-After} header in whole seconds, so a client knows when trying again makes sense.
 */
public class ServiceUnavailableException extends ProblemException {

    private final Duration retryAfter;

    public ServiceUnavailableException(String detail, Duration retryAfter) {
        super(503, "service-unavailable", "Service unavailable", detail, null);
        this.retryAfter = retryAfter;
    }

    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}

package io.therapyms.platform.errors;

import java.time.Duration;

/**
 * 503: the service is up but refuses this request for now (a bounded queue is full); mapped with a
 * {@code Retry-After} header in whole seconds, so a client knows when trying again makes sense.
 */
public class ServiceUnavailableException extends RetryLaterException {

    public ServiceUnavailableException(String detail, Duration retryAfter) {
        super(503, "service-unavailable", "Service unavailable", detail, retryAfter);
    }
}

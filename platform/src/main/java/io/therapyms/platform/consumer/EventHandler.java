package io.therapyms.platform.consumer;

import io.therapyms.events.DecodedEvent;

/**
 * Applies one event to the service's own data. Must be idempotent in effect (conditional writes,
 * deterministic keys): de-duplication by event id covers redeliveries, but a crash between the
 * handler and the bookkeeping can still run it twice.
 */
@FunctionalInterface
public interface EventHandler {
    void handle(DecodedEvent event);
}

package io.therapyms.events.messaging;

import io.therapyms.events.DomainEvent;

/** The recipient read a message. */
public record MessageRead(String messageId, String readerId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return messageId;
    }
}

package io.therapyms.events.messaging;

import io.therapyms.events.DomainEvent;

/** A message was sent between a linked client and therapist; its content never leaves messaging-service. */
public record MessageSent(String messageId, String senderId, String recipientId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return messageId;
    }
}

package io.therapyms.events;

/** An incoming event that passed its schema: the envelope as received and its data bound to the type's record. */
public record DecodedEvent(CloudEvent envelope, DomainEvent data) {
}

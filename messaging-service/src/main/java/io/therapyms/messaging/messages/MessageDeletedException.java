package io.therapyms.messaging.messages;

import io.therapyms.platform.errors.ConflictException;

/** 409: the message was deleted and can no longer change. */
public class MessageDeletedException extends ConflictException {
    public MessageDeletedException() {
        super("The message was deleted");
    }
}

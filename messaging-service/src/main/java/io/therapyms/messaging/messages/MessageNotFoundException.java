package io.therapyms.messaging.messages;

import io.therapyms.platform.errors.NotFoundException;

public class MessageNotFoundException extends NotFoundException {
    public MessageNotFoundException() {
        super("No such message");
    }
}

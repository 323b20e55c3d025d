package io.therapyms.messaging.messages;

import io.therapyms.platform.errors.ForbiddenException;

/** 403: messages go only between a linked client and therapist. */
public class NotLinkedException extends ForbiddenException {
    public NotLinkedException() {
        super("Messages can only be sent between a linked client and therapist");
    }
}

package io.therapyms.messaging.messages;

import io.therapyms.platform.errors.ForbiddenException;

/** 403: a party of the message asked for a change only the other party may make. */
public class NotYourPartException extends ForbiddenException {
    public NotYourPartException(String detail) {
        super(detail);
    }
}

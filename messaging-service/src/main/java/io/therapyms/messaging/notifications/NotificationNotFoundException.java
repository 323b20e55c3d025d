package io.therapyms.messaging.notifications;

import io.therapyms.platform.errors.NotFoundException;

public class NotificationNotFoundException extends NotFoundException {
    public NotificationNotFoundException() {
        super("No such notification");
    }
}

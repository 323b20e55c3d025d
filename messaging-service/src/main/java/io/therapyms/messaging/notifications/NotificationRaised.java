package io.therapyms.messaging.notifications;

/** CDI event fired once, when a notification is first stored; the push feature fans it out. */
public record NotificationRaised(Notification notification) {
}

package io.therapyms.messaging.messages;

/**
 * A message as {@link MessageRepository} stores it: what the API shows, plus what the conversation projection
 * needs. {@code version} counts the writes that changed whether it is unread; {@code projectionDue} says the
 * conversation items may not reflect that version yet. The sort key is kept as read, so that a write goes to
 * exactly the item that was read.
 */
public record StoredMessage(Message message, long version, boolean projectionDue, String sortKey) {
}

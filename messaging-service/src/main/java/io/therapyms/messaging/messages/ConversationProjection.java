package io.therapyms.messaging.messages;

import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.therapyms.messaging.conversations.ConversationRepository;

/**
 * Makes both parties' conversation items (order, unread message ids) reflect a message as stored.
 * <p>
 * Why this is crash-safe without transactions: the message write itself carries a new
 * {@code version} and a projection-due index entry. Projecting applies the message's state with
 * writes that are idempotent per message id (touch, add or remove the id from the recipient's
 * unread set), then clears the due entry only if the message is still at the version it projected.
 * A crash anywhere leaves the entry for {@link ProjectionSweeper}; a projection that raced a newer
 * change (say, a read while the send was being projected) fails that check and projects again, so
 * the last projection to finish is always of the current state. Unread is one-way (a read or
 * deleted message never becomes unread again), which is what makes a late "remove" harmless.
 */
@Singleton
public class ConversationProjection {

    private static final Logger LOG = Logger.getLogger(ConversationProjection.class);
    /** A message changes at most twice (read, delete); more rounds mean something else is wrong: leave it to the sweeper. */
    private static final int MAX_ROUNDS = 5;

    @Inject
    MessageRepository messages;

    @Inject
    ConversationRepository conversations;

    /** Projects {@code message} (a stored state of it) and then any newer state, until the due entry is cleared. */
    public void settle(StoredMessage message) {
        StoredMessage current = message;
        for (int round = 0; current != null && round < MAX_ROUNDS; round++) {
            apply(current);
            if (messages.clearProjectionDue(current)) {
                return;
            }
            // it changed while we projected: project what is stored now
            current = messages.load(current).orElse(null);
        }
    }

    /**
     * For the request path, after the message write succeeded: a failure here must not fail the
     * request (a retried send would duplicate the message); the due entry stays and the sweeper
     * finishes the work.
     */
    void settleAfterWrite(StoredMessage message) {
        try {
            settle(message);
        } catch (RuntimeException e) {
            LOG.warnf("conversation projection of message %s left to the sweeper: %s", message.message().messageId(), e.toString());
        }
    }

    private void apply(StoredMessage stored) {
        Message message = stored.message();
        String messageId = message.messageId();
        String senderId = message.senderId();
        String recipientId = message.recipientId();
        Instant at = message.timestamp();
        conversations.touch(senderId, recipientId, at);
        conversations.touch(recipientId, senderId, at);
        if (isUnread(message)) {
            conversations.countUnread(recipientId, senderId, messageId);
        } else {
            conversations.uncountUnread(recipientId, senderId, messageId);
        }
    }

    static boolean isUnread(Message message) {
        return message.status() == MessageStatus.SENT && !message.deleted();
    }
}

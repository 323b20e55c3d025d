package io.therapyms.messaging.messages;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.messaging.links.LinkRepository;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.security.Caller;

/**
 * The rules of messages: who may write to whom and who may change what. Each message write is
 * followed by its conversation projection (order and unread counts), see {@link ConversationProjection}.
 */
@Singleton
public class MessageService {

    @Inject
    Clock clock;

    @Inject
    MessageRepository messages;

    @Inject
    ConversationProjection projection;

    @Inject
    LinkRepository links;

    public Message send(Caller caller, String recipientId, String content) {
        if (caller.userId().equals(recipientId) || !links.areLinked(caller.userId(), recipientId)) {
            throw new NotLinkedException();
        }
        Instant now = clock.instant();
        StoredMessage stored = messages.create(UUID.randomUUID().toString(), caller.userId(), recipientId, content, now);
        projection.settleAfterWrite(stored);
        return stored.message();
    }

    public Message get(Caller caller, String messageId) {
        return visible(caller, messageId).message();
    }

    public Page<Message> conversation(Caller caller, String withUserId, PageRequest page) {
        return messages.conversation(caller.userId(), withUserId, page);
    }

    /** Sender edits the content; recipient marks it read. Anything else the caller may not set is a 400/403. */
    public Message update(Caller caller, String messageId, String content, String status) {
        StoredMessage message = visible(caller, messageId);
        boolean sender = caller.userId().equals(message.message().senderId());
        if (content != null && status != null) {
            throw BadRequestException.field("status", "send either content (sender) or status (recipient), not both");
        }
        if (content == null && status == null) {
            throw BadRequestException.field("content", "must be given (sender) or status: read (recipient)");
        }
        if (content != null) {
            if (!sender) {
                throw new NotYourPartException("Only the sender can edit a message");
            }
            if (!messages.edit(message, content)) {
                throw new MessageDeletedException();
            }
        } else {
            if (!MessageStatus.READ.wireName().equals(status)) {
                throw BadRequestException.field("status", "must be read");
            }
            if (sender) {
                throw new NotYourPartException("Only the recipient can mark a message read");
            }
            Optional<StoredMessage> read = messages.markRead(message, caller.userId());
            if (read.isPresent()) {
                projection.settleAfterWrite(read.get());
            } else if (visible(caller, messageId).message().deleted()) {
                throw new MessageDeletedException();
            }
        }
        return visible(caller, messageId).message();
    }

    public void delete(Caller caller, String messageId) {
        StoredMessage message = visible(caller, messageId);
        if (!caller.userId().equals(message.message().senderId())) {
            throw new NotYourPartException("Only the sender can delete a message");
        }
        messages.tombstone(message).ifPresent(projection::settleAfterWrite);
    }

    /** The message if the caller is its sender or recipient; everyone else gets 404. */
    private StoredMessage visible(Caller caller, String messageId) {
        StoredMessage message = messages.find(messageId).orElseThrow(MessageNotFoundException::new);
        if (!caller.userId().equals(message.message().senderId())
                && !caller.userId().equals(message.message().recipientId())) {
            throw new MessageNotFoundException();
        }
        return message;
    }
}

package io.therapyms.systemtests.faults;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import io.therapyms.systemtests.support.Api;
import io.therapyms.systemtests.support.Messages;
import io.therapyms.systemtests.support.User;

/** What a fault run checks afterwards: every acknowledged write is there once, and its effects happened once. */
final class WriteChecks {

    private static final Duration RECOVERY = Duration.ofMinutes(3);

    private WriteChecks() {
    }

    /**
     * Read back through the gateway, after a fresh login (tokens may have expired during the run): each acknowledged
     * message and journal entry exists; each message in a conversation raised exactly one notification for its
     * recipient (its event consumed once in effect) and counts once in the unread count.
     */
    static void check(Api api, Map<Api.Pair, WriteLoad.Acknowledged> acknowledged, Tally tally) {
        long messages = 0;
        long lostMessages = 0;
        long entries = 0;
        long lostEntries = 0;
        long notificationsLost = 0;
        long notificationsDoubled = 0;
        long unreadTooLow = 0;
        long unreadTooHigh = 0;
        for (Map.Entry<Api.Pair, WriteLoad.Acknowledged> pairWrites : acknowledged.entrySet()) {
            User client = api.logIn(pairWrites.getKey().client().credentials());
            User therapist = api.logIn(pairWrites.getKey().therapist().credentials());
            WriteLoad.Acknowledged writes = pairWrites.getValue();

            Set<String> conversation = new HashSet<>(api.allPages(client, "/api/messages", Map.of("with", therapist.id()),
                    page -> page.<String>getList("items.messageId")));
            messages += writes.messageIds().size();
            lostMessages += writes.messageIds().stream().filter(id -> !conversation.contains(id)).count();

            Set<String> journal = new HashSet<>(api.allPages(client, "/api/journals/" + client.id(), Map.of(),
                    page -> page.<String>getList("items.journalEntryId")));
            entries += writes.journalEntryIds().size();
            lostEntries += writes.journalEntryIds().stream().filter(id -> !journal.contains(id)).count();

            Map<String, Long> notified = awaitNotifications(api, therapist, conversation);
            notificationsLost += conversation.stream().filter(id -> !notified.containsKey(id)).count();
            notificationsDoubled += notified.values().stream().mapToLong(count -> count - 1).sum();
            int unread = Messages.unreadFrom(api, therapist, client);
            unreadTooLow += Math.max(0, conversation.size() - unread);
            unreadTooHigh += Math.max(0, unread - conversation.size());
        }
        tally.add("messages acknowledged (2xx), read back", messages, lostMessages, 0, 0);
        tally.add("journal entries acknowledged (2xx), read back", entries, lostEntries, 0, 0);
        tally.add("message.received notification per stored message", messages, notificationsLost,
                notificationsDoubled, 0);
        tally.add("unread count vs. stored messages", messages, unreadTooLow, unreadTooHigh, 0);
    }

    /** The recipient's message.received notifications per message id, once every message has one (or time is up). */
    private static Map<String, Long> awaitNotifications(Api api, User recipient, Set<String> messageIds) {
        Function<User, Map<String, Long>> read = user -> api.allPages(user, "/api/notifications", Map.of(),
                        page -> page.<Map<String, Object>>getList("items")).stream()
                .filter(notification -> "message.received".equals(notification.get("type")))
                .collect(Collectors.groupingBy(notification -> (String) notification.get("subjectId"),
                        Collectors.counting()));
        try {
            Awaitility.await("a notification for every message").atMost(RECOVERY).pollInterval(Duration.ofSeconds(1))
                    .until(() -> read.apply(recipient).keySet().containsAll(messageIds));
        } catch (ConditionTimeoutException someMissing) {
            // counted as lost by the caller
        }
        return read.apply(recipient);
    }

}

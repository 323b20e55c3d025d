package io.therapyms.journal.access;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.journal.support.JournalProblems.JournalNotFoundException;
import io.therapyms.journal.support.JournalProblems.NoJournalAccessException;
import io.therapyms.journal.support.Times;
import io.therapyms.platform.security.Caller;
import io.therapyms.platform.security.Role;

/**
 * Who may see a client's journal, decided on every request from consistent GetItems of the link item
 * ({@code CLIENT#c / LINK#t}, {@link LinkRepository}) and the grant pair item ({@code CLIENT#c / GRANT#t}): an approval, a
 * revocation or an expiry therefore takes effect on the very next request, without any job.
 */
@Singleton
public class JournalAccess {

    @Inject
    Clock clock;

    /** What the caller is to this journal. */
    public enum Viewer {
        OWNER, GRANTED_THERAPIST
    }

    @Inject
    AccessRequestRepository requests;

    @Inject
    LinkRepository links;

    /** For reads (list, read, insights): the owner, or a linked therapist with an active grant. */
    public Viewer forRead(Caller caller, String clientId) {
        if (caller.is(Role.CLIENT) && caller.isUser(clientId)) {
            return Viewer.OWNER;
        }
        if (caller.is(Role.THERAPIST) && isLinked(clientId, caller.userId())) {
            if (hasActiveGrant(clientId, caller.userId(), Times.now(clock))) {
                return Viewer.GRANTED_THERAPIST;
            }
            throw new NoJournalAccessException("You have no active grant to read this journal.");
        }
        if (caller.isAdmin()) {
            throw new NoJournalAccessException("Administrators do not read journal entries.");
        }
        throw new JournalNotFoundException();
    }

    /** For writes and the client-only views: the owner; a linked therapist or an admin 403; anyone else 404. */
    public void requireOwner(Caller caller, String clientId, boolean adminAllowed) {
        if (caller.is(Role.CLIENT) && caller.isUser(clientId)) {
            return;
        }
        if (caller.isAdmin()) {
            if (adminAllowed) {
                return;
            }
            throw new NoJournalAccessException("Only the client may change their journal.");
        }
        if (caller.is(Role.THERAPIST) && isLinked(clientId, caller.userId())) {
            throw new NoJournalAccessException("Only the client may do this.");
        }
        throw new JournalNotFoundException();
    }

    /** The linked therapists whose grant is active now: those a safety flag notifies. Sorted, for stable events. */
    public List<String> activeGrantHolders(String clientId) {
        Instant now = Times.now(clock);
        return requests.approvedGrants(clientId).entrySet().stream()
                .filter(e -> e.getValue().expiresAt() == null || e.getValue().expiresAt().isAfter(now))
                .map(Map.Entry::getKey)
                .filter(therapistId -> isLinked(clientId, therapistId))
                .sorted().toList();
    }

    public boolean isLinked(String clientId, String therapistId) {
        return links.isLinked(clientId, therapistId);
    }

    boolean hasActiveGrant(String clientId, String therapistId, Instant now) {
        return requests.grant(clientId, therapistId)
                .filter(grant -> grant.state() == GrantState.APPROVED)
                .map(grant -> grant.expiresAt() == null || grant.expiresAt().isAfter(now))
                .orElse(false);
    }
}

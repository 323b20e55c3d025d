package io.therapyms.journal.access;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.DomainEvent;
import io.therapyms.events.journal.AccessApproved;
import io.therapyms.events.journal.AccessCancelled;
import io.therapyms.events.journal.AccessRejected;
import io.therapyms.events.journal.AccessRequested;
import io.therapyms.events.journal.AccessRevoked;
import io.therapyms.journal.support.JournalProblems.AccessRequestExistsException;
import io.therapyms.journal.support.JournalProblems.AccessRequestNotFoundException;
import io.therapyms.journal.support.JournalProblems.AccessRequestStateException;
import io.therapyms.journal.support.JournalProblems.JournalNotFoundException;
import io.therapyms.journal.support.JournalProblems.NoJournalAccessException;
import io.therapyms.journal.support.Times;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.security.Caller;
import io.therapyms.platform.security.Role;

/** Journal access requests: the pair item is the lock and carries every event; the request record is the history. */
@Singleton
public class AccessRequestService {

    @Inject
    Clock clock;

    @Inject
    AccessRequestRepository repository;

    @Inject
    JournalAccess access;

    public AccessRequest request(Caller caller, String clientId, String reason, String expiresAtText) {
        if (!caller.is(Role.THERAPIST)) {
            throw new NoJournalAccessException("Only a linked therapist may ask for journal access.");
        }
        if (clientId == null || clientId.isBlank()) {
            throw BadRequestException.field("clientId", "is required");
        }
        Instant now = Times.now(clock);
        Instant expiresAt = Times.parse(expiresAtText, "expiresAt");
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw BadRequestException.field("expiresAt", "must be in the future");
        }
        if (!access.isLinked(clientId, caller.userId())) {
            throw new JournalNotFoundException();
        }
        AccessRequest request = new AccessRequest(UUID.randomUUID().toString(), clientId, caller.userId(),
                reason, expiresAt, AccessRequestStatus.PENDING, now, now);
        if (!repository.lockForRequest(request, new AccessRequested(request.journalAccessRequestId(), clientId,
                caller.userId()))) {
            // the pair's request may lack its history record (a crash after the lock): rebuild it from the pair
            repository.current(clientId, caller.userId()).ifPresent(this::completeHistory);
            throw new AccessRequestExistsException();
        }
        repository.recordHistory(request);
        return request;
    }

    public Page<AccessRequest> list(Caller caller, String statusText, PageRequest page) {
        AccessRequestStatus status = statusText == null ? null : AccessRequestStatus.fromWire(statusText)
                .orElseThrow(() -> BadRequestException.field("status", "must be one of " + String.join(", ",
                        Arrays.stream(AccessRequestStatus.values()).map(AccessRequestStatus::wireName).sorted().toList())));
        AccessRequestRepository.Listing listing = caller.is(Role.CLIENT) ? AccessRequestRepository.Listing.OF_CLIENT
                : caller.is(Role.THERAPIST) ? AccessRequestRepository.Listing.OF_THERAPIST
                : AccessRequestRepository.Listing.ALL;
        // "expired" is derived at read time from an approved request; filter on the stored status
        AccessRequestStatus stored = status == AccessRequestStatus.EXPIRED ? AccessRequestStatus.APPROVED : status;
        Page<AccessRequest> found = repository.requests(listing, caller.userId(), stored, status, page);
        Instant now = Times.now(clock);
        var items = found.items().stream().map(r -> withExpiry(r, now))
                .filter(r -> status == null || status == r.status()).toList();
        return new Page<>(items, found.nextCursor());
    }

    public AccessRequest decide(Caller caller, String requestId, String statusText) {
        AccessDecision decision = AccessDecision.fromStatus(statusText);
        AccessRequestStatus status = decision.status;
        AccessRequest request = repository.request(requestId).orElseThrow(AccessRequestNotFoundException::new);
        boolean isClient = caller.is(Role.CLIENT) && caller.isUser(request.clientId());
        boolean isTherapist = caller.is(Role.THERAPIST) && caller.isUser(request.therapistId());
        if (!isClient && !isTherapist) {
            if (caller.isAdmin()) {
                throw new NoJournalAccessException("Only the client or the therapist decide on a journal access request.");
            }
            throw new AccessRequestNotFoundException();
        }
        String id = request.journalAccessRequestId();
        String clientId = request.clientId();
        String therapistId = request.therapistId();
        AccessRequest decided = request.withStatus(status, Times.now(clock));
        boolean moved = switch (decision) {
            case APPROVED -> {
                requireParty(isClient, "Only the client approves.");
                yield repository.move(decided, GrantState.PENDING, GrantState.APPROVED,
                        new AccessApproved(id, clientId, therapistId, request.expiresAt()));
            }
            case REJECTED -> {
                requireParty(isClient, "Only the client rejects.");
                yield repository.move(decided, GrantState.PENDING, GrantState.NONE,
                        new AccessRejected(id, clientId, therapistId));
            }
            case REVOKED -> {
                requireParty(isClient, "Only the client revokes.");
                yield repository.move(decided, GrantState.APPROVED, GrantState.NONE,
                        new AccessRevoked(id, clientId, therapistId));
            }
            case CANCELLED -> {
                requireParty(isTherapist, "Only the therapist cancels their request.");
                yield repository.move(decided, GrantState.PENDING, GrantState.NONE,
                        new AccessCancelled(id, clientId, therapistId));
            }
        };
        if (moved) {
            repository.recordHistory(decided);
            return decided;
        }
        // The pair did not move. If it already holds this very decision while the history does not, the same
        // decision was taken before and the process died before writing the history: complete it.
        AccessRequest current = repository.current(clientId, therapistId)
                .filter(c -> c.journalAccessRequestId().equals(id) && c.status() == status
                        && request.status() != status)
                .orElseThrow(() -> new AccessRequestStateException(
                        "The request is not in a state that allows '" + status.wireName() + "'."));
        repository.recordHistory(current);
        return current;
    }

    /** MappingEnded: the active grant is revoked and a pending request cancelled, each with its event. */
    public void mappingEnded(String clientId, String therapistId) {
        repository.current(clientId, therapistId).ifPresent(current -> {
            String id = current.journalAccessRequestId();
            if (current.status() == AccessRequestStatus.APPROVED) {
                end(current, GrantState.APPROVED, AccessRequestStatus.REVOKED, new AccessRevoked(id, clientId, therapistId));
            } else if (current.status() == AccessRequestStatus.PENDING) {
                end(current, GrantState.PENDING, AccessRequestStatus.CANCELLED, new AccessCancelled(id, clientId, therapistId));
            } else {
                // already ended; a redelivery after a crash before the history write completes it
                completeHistory(current);
            }
        });
    }

    /** Ends the pair's request (held in state {@code held}) with {@code status}. */
    private void end(AccessRequest current, GrantState held, AccessRequestStatus status, DomainEvent event) {
        AccessRequest ended = current.withStatus(status, Times.now(clock));
        if (repository.move(ended, held, GrantState.NONE, event)) {
            repository.recordHistory(ended);
        }
    }

    /** Writes the history of the pair's request if it is missing or behind (a crash between the two writes). */
    private void completeHistory(AccessRequest current) {
        boolean behind = repository.request(current.journalAccessRequestId())
                .map(recorded -> recorded.status() != current.status()).orElse(true);
        if (behind) {
            repository.recordHistory(current);
        }
    }

    private static void requireParty(boolean allowed, String detail) {
        if (!allowed) {
            throw new NoJournalAccessException(detail);
        }
    }

    private static AccessRequest withExpiry(AccessRequest r, Instant now) {
        if (r.status() == AccessRequestStatus.APPROVED && r.expiresAt() != null && !r.expiresAt().isAfter(now)) {
            return new AccessRequest(r.journalAccessRequestId(), r.clientId(), r.therapistId(), r.reason(),
                    r.expiresAt(), AccessRequestStatus.EXPIRED, r.createdAt(), r.updatedAt());
        }
        return r;
    }
}

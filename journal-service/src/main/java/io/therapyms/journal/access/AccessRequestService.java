package io.therapyms.journal.access;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.journal.AccessApproved;
import io.therapyms.events.journal.AccessCancelled;
import io.therapyms.events.journal.AccessRejected;
import io.therapyms.events.journal.AccessRequested;
import io.therapyms.events.journal.AccessRevoked;
import io.therapyms.journal.config.JournalTables;
import io.therapyms.journal.support.JournalProblems.AccessRequestExistsException;
import io.therapyms.journal.support.JournalProblems.AccessRequestNotFoundException;
import io.therapyms.journal.support.JournalProblems.AccessRequestStateException;
import io.therapyms.journal.support.JournalProblems.JournalNotFoundException;
import io.therapyms.journal.support.JournalProblems.NoJournalAccessException;
import io.therapyms.journal.support.Times;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageCursors;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.security.Caller;
import io.therapyms.platform.security.Role;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Journal access requests: the pair item is the lock and carries every event; the request record is the history. */
@Singleton
public class AccessRequestService {

    static final Set<String> STATUSES = Set.of("pending", "approved", "rejected", "revoked", "cancelled", "expired");

    @Inject
    AccessRequestRepository repository;

    @Inject
    JournalAccess access;

    @Inject
    PageCursors cursors;

    public AccessRequest request(Caller caller, String clientId, String reason, String expiresAtText) {
        if (!caller.is(Role.THERAPIST)) {
            throw new NoJournalAccessException("Only a linked therapist may ask for journal access.");
        }
        if (clientId == null || clientId.isBlank()) {
            throw BadRequestException.field("clientId", "is required");
        }
        Instant now = Times.now();
        Instant expiresAt = Times.parse(expiresAtText, "expiresAt");
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw BadRequestException.field("expiresAt", "must be in the future");
        }
        if (!access.isLinked(clientId, caller.userId())) {
            throw new JournalNotFoundException();
        }
        AccessRequest request = new AccessRequest(UUID.randomUUID().toString(), clientId, caller.userId(),
                reason, expiresAt, "pending", now, now);
        if (!repository.lockForRequest(request, new AccessRequested(request.journalAccessRequestId(), clientId,
                caller.userId()))) {
            throw new AccessRequestExistsException();
        }
        repository.saveRequest(request);
        return request;
    }

    public Page<AccessRequest> list(Caller caller, String status, PageRequest page) {
        if (status != null && !STATUSES.contains(status)) {
            throw BadRequestException.field("status", "must be one of " + String.join(", ", STATUSES.stream().sorted().toList()));
        }
        String index;
        String attribute;
        String partition;
        if (caller.is(Role.CLIENT)) {
            index = TableSpec.GSI1;
            attribute = TableSpec.GSI1_PK;
            partition = "CREQ#" + caller.userId();
        } else if (caller.is(Role.THERAPIST)) {
            index = TableSpec.GSI2;
            attribute = TableSpec.GSI2_PK;
            partition = "TREQ#" + caller.userId();
        } else {
            index = JournalTables.GSI3;
            attribute = JournalTables.GSI3_PK;
            partition = "REQ";
        }
        String scope = "journal-access-requests:" + partition + ":" + status;
        // "expired" is derived at read time from an approved request; filter on the stored status
        String stored = "expired".equals(status) ? "approved" : status;
        Map<String, AttributeValue> start = cursors.decode(page.cursor(), scope);
        QueryResponse response = repository.requests(index, attribute, partition, stored, page.limit(), start);
        Instant now = Times.now();
        var items = response.items().stream().map(AccessRequestRepository::toRequest).map(r -> withExpiry(r, now))
                .filter(r -> status == null || status.equals(r.status())).toList();
        return new Page<>(items, response.hasLastEvaluatedKey() ? cursors.encode(response.lastEvaluatedKey(), scope) : null);
    }

    public AccessRequest decide(Caller caller, String requestId, String status) {
        if (status == null || !Set.of("approved", "rejected", "revoked", "cancelled").contains(status)) {
            throw BadRequestException.field("status", "must be approved, rejected, revoked or cancelled");
        }
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
        Instant now = Times.now();
        boolean moved;
        switch (status) {
            case "approved" -> {
                requireParty(isClient, "Only the client approves.");
                moved = repository.move(request, AccessRequestRepository.PENDING, AccessRequestRepository.APPROVED,
                        new AccessApproved(id, clientId, therapistId, request.expiresAt()));
            }
            case "rejected" -> {
                requireParty(isClient, "Only the client rejects.");
                moved = repository.move(request, AccessRequestRepository.PENDING, AccessRequestRepository.NONE,
                        new AccessRejected(id, clientId, therapistId));
            }
            case "revoked" -> {
                requireParty(isClient, "Only the client revokes.");
                moved = repository.move(request, AccessRequestRepository.APPROVED, AccessRequestRepository.NONE,
                        new AccessRevoked(id, clientId, therapistId));
            }
            default -> {
                requireParty(isTherapist, "Only the therapist cancels their request.");
                moved = repository.move(request, AccessRequestRepository.PENDING, AccessRequestRepository.NONE,
                        new AccessCancelled(id, clientId, therapistId));
            }
        }
        if (!moved) {
            throw new AccessRequestStateException("The request is not in a state that allows '" + status + "'.");
        }
        repository.setStatus(id, status, now);
        return new AccessRequest(id, clientId, therapistId, request.reason(), request.expiresAt(), status,
                request.createdAt(), now);
    }

    /** MappingEnded: the active grant is revoked and a pending request cancelled, each with its event. */
    public void mappingEnded(String clientId, String therapistId) {
        repository.pair(clientId, therapistId).ifPresent(pair -> {
            String state = pair[0];
            String requestId = pair[1];
            if (requestId == null || requestId.isEmpty()) {
                return;
            }
            AccessRequest request = repository.request(requestId).orElse(new AccessRequest(requestId, clientId,
                    therapistId, null, null, state, Times.now(), Times.now()));
            Instant now = Times.now();
            if (AccessRequestRepository.APPROVED.equals(state)
                    && repository.move(request, state, AccessRequestRepository.NONE,
                            new AccessRevoked(requestId, clientId, therapistId))) {
                setStatusIfRecorded(requestId, "revoked", now);
            } else if (AccessRequestRepository.PENDING.equals(state)
                    && repository.move(request, state, AccessRequestRepository.NONE,
                            new AccessCancelled(requestId, clientId, therapistId))) {
                setStatusIfRecorded(requestId, "cancelled", now);
            }
        });
    }

    private void setStatusIfRecorded(String requestId, String status, Instant at) {
        try {
            repository.setStatus(requestId, status, at);
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException noRecord) {
            // the pair was locked but its record never written (crash in between): nothing to update
        }
    }

    private static void requireParty(boolean allowed, String detail) {
        if (!allowed) {
            throw new NoJournalAccessException(detail);
        }
    }

    private static AccessRequest withExpiry(AccessRequest r, Instant now) {
        if ("approved".equals(r.status()) && r.expiresAt() != null && !r.expiresAt().isAfter(now)) {
            return new AccessRequest(r.journalAccessRequestId(), r.clientId(), r.therapistId(), r.reason(),
                    r.expiresAt(), "expired", r.createdAt(), r.updatedAt());
        }
        return r;
    }
}

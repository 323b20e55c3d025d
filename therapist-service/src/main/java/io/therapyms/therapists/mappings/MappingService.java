package io.therapyms.therapists.mappings;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.DomainEvent;
import io.therapyms.events.therapists.MappingApproved;
import io.therapyms.events.therapists.MappingCancelled;
import io.therapyms.events.therapists.MappingEnded;
import io.therapyms.events.therapists.MappingRejected;
import io.therapyms.events.therapists.MappingRequested;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.security.Caller;
import io.therapyms.platform.security.Role;
import io.therapyms.platform.time.InstantText;
import io.therapyms.therapists.clients.KnownClients;
import io.therapyms.therapists.config.TherapistTables;
import io.therapyms.therapists.mappings.MappingRepository.Pair;
import io.therapyms.therapists.profiles.Therapist;
import io.therapyms.therapists.profiles.TherapistNotFoundException;
import io.therapyms.therapists.profiles.TherapistRepository;

/** Mapping requests and links between a client and a therapist, and who may change them. */
@Singleton
public class MappingService {

    public record CaseloadEntry(String clientId, String name, Instant linkedAt) {
    }

    /** Where one role's view of the requests lives: index, its partition attribute and value. */
    private record RequestIndex(String index, String attribute, String partition) {
    }

    @Inject
    MappingRepository repository;

    @Inject
    TherapistRepository therapists;

    @Inject
    KnownClients clients;

    @Inject
    Clock clock;

    /** A client asks a therapist, or a therapist invites a client; exactly one pending request per pair. */
    public MappingRequest request(Caller caller, String therapistId, String clientId) {
        String requestedBy;
        if (caller.is(Role.CLIENT)) {
            if (clientId != null) {
                throw BadRequestException.field("clientId", "a client requests for themself; send therapistId only");
            }
            if (therapistId == null || therapistId.isBlank()) {
                throw BadRequestException.field("therapistId", "must not be blank");
            }
            clientId = caller.userId();
            Therapist therapist = therapists.find(therapistId).orElseThrow(TherapistNotFoundException::new);
            if (!therapist.verified()) {
                throw new TherapistNotFoundException();
            }
            requestedBy = Role.CLIENT_NAME;
        } else {
            if (therapistId != null) {
                throw BadRequestException.field("therapistId", "a therapist invites for themself; send clientId only");
            }
            if (clientId == null || clientId.isBlank()) {
                throw BadRequestException.field("clientId", "must not be blank");
            }
            therapistId = caller.userId();
            Therapist therapist = therapists.find(therapistId).orElseThrow(TherapistNotFoundException::new);
            if (!therapist.verified()) {
                throw new UnverifiedTherapistException();
            }
            if (clients.find(clientId).isEmpty()) {
                throw new ClientNotFoundException();
            }
            requestedBy = Role.THERAPIST_NAME;
        }
        MappingRequest request = new MappingRequest(UUID.randomUUID().toString(), clientId, therapistId, requestedBy,
                MappingRequestStatus.PENDING, now());
        if (!repository.lockForRequest(request, new MappingRequested(request.mappingRequestId(), clientId,
                therapistId, requestedBy))) {
            healMissingRecord(clientId, therapistId);
            throw new MappingExistsException();
        }
        repository.saveRequest(request);
        return request;
    }

    /**
     * The pair is written first (it is the lock and carries the event), the request record after it.
     * If the service stopped between the two, the pending pair has no record: rebuild it from the pair
     * so the parties can see and decide the request.
     */
    private void healMissingRecord(String clientId, String therapistId) {
        repository.pair(clientId, therapistId)
                .filter(pair -> pair.state() == PairState.PENDING && pair.requestId() != null)
                .filter(pair -> repository.request(pair.requestId()).isEmpty())
                .ifPresent(pair -> repository.saveRequest(new MappingRequest(pair.requestId(), clientId, therapistId,
                        pair.requestedBy(), MappingRequestStatus.PENDING, InstantText.parse(pair.since()))));
    }

    /** The recipient approves or rejects, the requester cancels; only while pending. */
    public MappingRequest decide(Caller caller, String requestId, String status) {
        MappingRequest request = repository.request(requestId).orElseThrow(MappingRequestNotFoundException::new);
        boolean isClient = caller.is(Role.CLIENT) && caller.isUser(request.clientId());
        boolean isTherapist = caller.is(Role.THERAPIST) && caller.isUser(request.therapistId());
        if (!isClient && !isTherapist) {
            if (caller.isAdmin()) {
                throw new NotYourDecisionException();
            }
            throw new MappingRequestNotFoundException();
        }
        String callerSide = isClient ? Role.CLIENT_NAME : Role.THERAPIST_NAME;
        boolean requester = callerSide.equals(request.requestedBy());
        MappingDecision decision = MappingDecision.fromStatus(status);
        boolean allowed = switch (decision) {
            case APPROVED, REJECTED -> !requester;
            case CANCELLED -> requester;
        };
        if (!allowed) {
            throw new NotYourDecisionException();
        }
        Pair pair = new Pair(request.clientId(), request.therapistId(), PairState.PENDING, requestId,
                request.requestedBy(), null);
        Instant now = now();
        String c = request.clientId();
        String t = request.therapistId();
        String by = request.requestedBy();
        boolean moved = switch (decision) {
            case APPROVED -> repository.move(pair, PairState.PENDING, PairState.LINKED, now,
                    new MappingApproved(requestId, c, t, by));
            case REJECTED -> repository.move(pair, PairState.PENDING, PairState.NONE, now,
                    new MappingRejected(requestId, c, t, by));
            case CANCELLED -> repository.move(pair, PairState.PENDING, PairState.NONE, now,
                    new MappingCancelled(requestId, c, t, by));
        };
        if (!moved) {
            throw new MappingNotPendingException();
        }
        repository.setRequestStatus(requestId, decision.outcome(), now);
        return new MappingRequest(requestId, c, t, by, decision.outcome(), request.createdAt());
    }

    /** Either party or an admin ends a link (MappingEnded). */
    public void endLink(Caller caller, String clientId, String therapistId) {
        boolean party = (caller.is(Role.CLIENT) && caller.isUser(clientId))
                || (caller.is(Role.THERAPIST) && caller.isUser(therapistId));
        if (!party && !caller.isAdmin()) {
            throw new LinkNotFoundException();
        }
        Pair pair = repository.pair(clientId, therapistId).orElseThrow(LinkNotFoundException::new);
        if (pair.state() != PairState.LINKED || !end(pair, caller.role().claimName())) {
            throw new LinkNotFoundException();
        }
    }

    /** The therapist is deleted: links end, pending requests are cancelled. */
    public void endAllOfTherapist(String therapistId, String endedBy) {
        repository.forEachPairOfTherapist(therapistId, pair -> close(pair, endedBy));
    }

    /** The client is erased: links end (endedBy client), pending requests are cancelled. */
    public void endAllOfClient(String clientId) {
        repository.forEachPairOfClient(clientId, pair -> close(pair, Role.CLIENT_NAME));
    }

    private void close(Pair pair, String endedBy) {
        if (pair.state() == PairState.LINKED) {
            end(pair, endedBy);
        } else if (pair.state() == PairState.PENDING) {
            Instant now = now();
            if (repository.move(pair, PairState.PENDING, PairState.NONE, now, new MappingCancelled(
                    pair.requestId(), pair.clientId(), pair.therapistId(), pair.requestedBy()))) {
                repository.setRequestStatus(pair.requestId(), MappingRequestStatus.CANCELLED, now);
            }
        }
    }

    private boolean end(Pair pair, String endedBy) {
        DomainEvent ended = new MappingEnded(pair.clientId(), pair.therapistId(), endedBy);
        return repository.move(pair, PairState.LINKED, PairState.NONE, now(), ended);
    }

    /** Requests the caller is party to (admin: all), newest first. */
    public Page<MappingRequest> list(Caller caller, String status, PageRequest page) {
        MappingRequestStatus wanted = status == null ? null : MappingRequestStatus.fromWire(status).orElseThrow(
                () -> BadRequestException.field("status", "must be one of pending, approved, rejected, cancelled"));
        RequestIndex where = switch (caller.role()) {
            case ADMIN -> new RequestIndex(TherapistTables.GSI3, TherapistTables.GSI3_PK, "REQ");
            case CLIENT -> new RequestIndex(TableSpec.GSI1, TableSpec.GSI1_PK, "CREQ#" + caller.userId());
            case THERAPIST -> new RequestIndex(TableSpec.GSI2, TableSpec.GSI2_PK, "TREQ#" + caller.userId());
        };
        String scope = "therapists:mapping-requests:" + where.partition() + ":" + status;
        return repository.requests(where.index(), where.attribute(), where.partition(), wanted, page, scope);
    }

    /** A page of the therapist's linked clients with their names. */
    public Page<CaseloadEntry> caseload(String therapistId, PageRequest page) {
        Page<Pair> links = repository.links(therapistId, page, "therapists:caseload:" + therapistId);
        Map<String, String> names = clients.names(links.items().stream().map(Pair::clientId).toList());
        List<CaseloadEntry> entries = links.items().stream()
                .map(p -> new CaseloadEntry(p.clientId(), names.get(p.clientId()), InstantText.parse(p.since())))
                .toList();
        return new Page<>(entries, links.nextCursor());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

package io.therapyms.scheduling.sessions;

import java.time.Clock;
import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.scheduling.SessionUpdated;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.errors.ConflictException;
import io.therapyms.platform.errors.ForbiddenException;
import io.therapyms.platform.errors.NotFoundException;
import io.therapyms.platform.security.Caller;
import io.therapyms.platform.security.Role;
import io.therapyms.scheduling.config.Times;
import io.therapyms.scheduling.slots.SlotRepository;

/** Reading and changing sessions; notes never leave the service in events. */
@Singleton
public class SessionService {

    @Inject
    Clock clock;

    @Inject
    SessionRepository sessions;

    @Inject
    SlotRepository slots;

    /** Client: own sessions · therapist: own sessions · admin: all; by start time, starting in [from, to). */
    public Page<Session> list(Caller caller, String fromText, String toText, String statusText, PageRequest page) {
        SessionStatus status = parseStatus(statusText);
        Instant from = Times.parseOptional("from", fromText);
        Instant to = Times.parseOptional("to", toText);
        if (from != null && to != null && !to.isAfter(from)) {
            throw BadRequestException.field("to", "must be after from");
        }
        SessionRepository.Partition partition = listOf(caller);
        String scope = String.join(":", "scheduling:sessions", partition.value(), String.valueOf(fromText),
                String.valueOf(toText), String.valueOf(statusText));
        return sessions.page(partition, from, to, status, page, scope);
    }

    private static SessionRepository.Partition listOf(Caller caller) {
        if (caller.is(Role.CLIENT)) {
            return SessionRepository.ofClient(caller.userId());
        }
        if (caller.is(Role.THERAPIST)) {
            return SessionRepository.ofTherapist(caller.userId());
        }
        return SessionRepository.ofAll();
    }

    public Session get(Caller caller, String sessionId) {
        Session session = sessions.find(sessionId).orElseThrow(() -> new NotFoundException("No such session."));
        if (!caller.isAdmin() && !caller.isUser(session.clientId()) && !caller.isUser(session.therapistId())) {
            throw new NotFoundException("No such session.");
        }
        return session;
    }

    public Session update(Caller caller, String sessionId, String statusText, String sharedNotes, String privateNotes,
            boolean privateGiven, boolean sharedGiven) {
        Session session = get(caller, sessionId);
        SessionStatus status = parseStatus(statusText);
        if (sharedNotes != null && sharedNotes.length() > 20_000) {
            throw BadRequestException.field("sharedNotes", "must be at most 20000 characters");
        }
        if (privateNotes != null && privateNotes.length() > 20_000) {
            throw BadRequestException.field("privateNotes", "must be at most 20000 characters");
        }
        boolean therapist = caller.is(Role.THERAPIST) && caller.isUser(session.therapistId());
        boolean client = caller.is(Role.CLIENT) && caller.isUser(session.clientId());
        if (!therapist && !client) {
            throw new ForbiddenException("Only the parties change a session.");
        }
        if (client) {
            if (sharedGiven || privateGiven) {
                throw BadRequestException.field(sharedGiven ? "sharedNotes" : "privateNotes",
                        "a client may not set notes");
            }
            if (status != SessionStatus.CANCELLED) {
                throw BadRequestException.field("status", "a client may only cancel");
            }
            if (!session.startTime().isAfter(clock.instant())) {
                throw new ConflictException("The session has started.");
            }
        }
        SessionStatus newStatus = status == null ? session.status() : status;
        Session updated = new Session(session.sessionId(), session.clientId(), session.therapistId(),
                session.slotId(), session.requestId(), session.startTime(), session.endTime(), newStatus,
                sharedGiven ? sharedNotes : session.sharedNotes(), privateGiven ? privateNotes : session.privateNotes());
        if (!sessions.update(updated, session.status(),
                new SessionUpdated(session.sessionId(), session.clientId(), session.therapistId(),
                        newStatus.wireName(), cancelledBy(session.status(), newStatus, client)))) {
            throw new ConflictException("The session changed meanwhile; read it again.");
        }
        if (newStatus == SessionStatus.CANCELLED && session.status() != SessionStatus.CANCELLED) {
            reopenIfFuture(session);
        }
        return updated;
    }

    /** Who cancelled, for analytics' cancellation figures: the party making this change into a cancellation. */
    private static String cancelledBy(SessionStatus oldStatus, SessionStatus newStatus, boolean client) {
        if (newStatus != SessionStatus.CANCELLED || oldStatus == SessionStatus.CANCELLED) {
            return null;
        }
        return (client ? Role.CLIENT : Role.THERAPIST).claimName();
    }

    private static SessionStatus parseStatus(String text) {
        return text == null ? null : SessionStatus.fromWire(text).orElseThrow(
                () -> BadRequestException.field("status", "must be scheduled, completed, cancelled or no_show"));
    }

    /** Cancels a scheduled future session (link ended, party deleted); idempotent. */
    public void cancelIfFuture(Session session) {
        if (session.status() != SessionStatus.SCHEDULED || !session.startTime().isAfter(clock.instant())) {
            return;
        }
        if (sessions.setStatus(session.sessionId(), SessionStatus.SCHEDULED, SessionStatus.CANCELLED,
                new SessionUpdated(session.sessionId(), session.clientId(), session.therapistId(),
                        SessionStatus.CANCELLED.wireName()))) {
            reopenIfFuture(session);
        }
    }

    public void cancelFutureOfPair(String clientId, String therapistId) {
        sessions.startingFrom(SessionRepository.ofClient(clientId), clock.instant()).stream()
                .filter(s -> s.therapistId().equals(therapistId)).forEach(this::cancelIfFuture);
    }

    public void cancelFutureOfClient(String clientId) {
        sessions.startingFrom(SessionRepository.ofClient(clientId), clock.instant()).forEach(this::cancelIfFuture);
    }

    public void cancelFutureOfTherapist(String therapistId) {
        sessions.startingFrom(SessionRepository.ofTherapist(therapistId), clock.instant()).forEach(this::cancelIfFuture);
    }

    private void reopenIfFuture(Session session) {
        if (session.startTime().isAfter(clock.instant())) {
            slots.find(session.slotId()).ifPresent(slot -> slots.reopen(slot, session.requestId()));
        }
    }
}

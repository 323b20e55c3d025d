package io.therapyms.scheduling.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.scheduling.SessionUpdated;
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

    static final List<String> STATUSES = List.of("scheduled", "completed", "cancelled", "no_show");

    @Inject
    SessionRepository sessions;

    @Inject
    SlotRepository slots;

    public List<Session> list(Caller caller, String fromText, String toText, String status) {
        if (status != null && !STATUSES.contains(status)) {
            throw BadRequestException.field("status", "must be scheduled, completed, cancelled or no_show");
        }
        Instant from = Times.parseOptional("from", fromText);
        Instant to = Times.parseOptional("to", toText);
        List<Session> found;
        if (caller.is(Role.CLIENT)) {
            found = sessions.ofClient(caller.userId(), from, to);
        } else if (caller.is(Role.THERAPIST)) {
            found = sessions.ofTherapist(caller.userId(), from, to);
        } else {
            found = List.of(); // admin: reads single sessions by id; no global index yet
        }
        return found.stream().filter(s -> status == null || status.equals(s.status()))
                .sorted(Comparator.comparing(Session::startTime)).toList();
    }

    public Session get(Caller caller, String sessionId) {
        Session session = sessions.find(sessionId).orElseThrow(() -> new NotFoundException("No such session."));
        if (!caller.isAdmin() && !caller.isUser(session.clientId()) && !caller.isUser(session.therapistId())) {
            throw new NotFoundException("No such session.");
        }
        return session;
    }

    public Session update(Caller caller, String sessionId, String status, String sharedNotes, String privateNotes,
            boolean privateGiven, boolean sharedGiven) {
        Session session = get(caller, sessionId);
        if (status != null && !STATUSES.contains(status)) {
            throw BadRequestException.field("status", "must be scheduled, completed, cancelled or no_show");
        }
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
            if (!"cancelled".equals(status)) {
                throw BadRequestException.field("status", "a client may only cancel");
            }
            if (!session.startTime().isAfter(Instant.now())) {
                throw new ConflictException("The session has started.");
            }
        }
        String newStatus = status == null ? session.status() : status;
        Session updated = new Session(session.sessionId(), session.clientId(), session.therapistId(),
                session.slotId(), session.requestId(), session.startTime(), session.endTime(), newStatus,
                sharedGiven ? sharedNotes : session.sharedNotes(), privateGiven ? privateNotes : session.privateNotes());
        if (!sessions.update(updated, session.status(),
                new SessionUpdated(session.sessionId(), session.clientId(), session.therapistId(), newStatus))) {
            throw new ConflictException("The session changed meanwhile; read it again.");
        }
        if ("cancelled".equals(newStatus) && !"cancelled".equals(session.status())) {
            reopenIfFuture(session);
        }
        return updated;
    }

    /** Cancels a scheduled future session (mapping ended, party deleted); idempotent. */
    public void cancelIfFuture(Session session) {
        if (!"scheduled".equals(session.status()) || !session.startTime().isAfter(Instant.now())) {
            return;
        }
        Session cancelled = new Session(session.sessionId(), session.clientId(), session.therapistId(),
                session.slotId(), session.requestId(), session.startTime(), session.endTime(), "cancelled",
                session.sharedNotes(), session.privateNotes());
        if (sessions.update(cancelled, "scheduled",
                new SessionUpdated(session.sessionId(), session.clientId(), session.therapistId(), "cancelled"))) {
            reopenIfFuture(session);
        }
    }

    public void cancelFutureOfPair(String clientId, String therapistId) {
        sessions.ofClient(clientId, Instant.now(), null).stream()
                .filter(s -> s.therapistId().equals(therapistId)).forEach(this::cancelIfFuture);
    }

    private void reopenIfFuture(Session session) {
        if (session.startTime().isAfter(Instant.now())) {
            slots.find(session.slotId()).ifPresent(slot -> slots.reopen(slot, session.requestId()));
        }
    }

    static Duration length(Session session) {
        return Duration.between(session.startTime(), session.endTime());
    }
}

package io.therapyms.scheduling.appointments;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.scheduling.AppointmentApproved;
import io.therapyms.events.scheduling.AppointmentCancelled;
import io.therapyms.events.scheduling.AppointmentRejected;
import io.therapyms.events.scheduling.AppointmentRequested;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.security.Caller;
import io.therapyms.platform.security.Role;
import io.therapyms.scheduling.appointments.AppointmentExceptions.DuplicateRequestException;
import io.therapyms.scheduling.appointments.AppointmentExceptions.NotYourDecisionException;
import io.therapyms.scheduling.appointments.AppointmentExceptions.RequestNotFoundException;
import io.therapyms.scheduling.appointments.AppointmentExceptions.RequestNotPendingException;
import io.therapyms.scheduling.appointments.AppointmentExceptions.SlotUnavailableException;
import io.therapyms.scheduling.appointments.AppointmentExceptions.TooManyPendingException;
import io.therapyms.scheduling.links.Links;
import io.therapyms.scheduling.sessions.Session;
import io.therapyms.scheduling.sessions.SessionRepository;
import io.therapyms.scheduling.sessions.SessionService;
import io.therapyms.scheduling.sessions.SessionStatus;
import io.therapyms.scheduling.slots.Slot;
import io.therapyms.scheduling.slots.SlotExceptions.SlotNotFoundException;
import io.therapyms.scheduling.slots.SlotRepository;
import io.therapyms.scheduling.slots.SlotStatus;

/** Requests for slots and the race-safe approval that books a slot exactly once. */
@Singleton
public class AppointmentService {

    @Inject
    Clock clock;

    @Inject
    AppointmentRepository requests;

    @Inject
    SlotRepository slots;

    @Inject
    SessionRepository sessions;

    @Inject
    SessionService sessionService;

    @Inject
    Links links;

    public AppointmentRequest request(Caller caller, String slotId, String note) {
        if (!caller.is(Role.CLIENT)) {
            throw new NotYourDecisionException();
        }
        if (slotId == null || slotId.isBlank()) {
            throw BadRequestException.field("slotId", "is required");
        }
        if (note != null && note.length() > 1000) {
            throw BadRequestException.field("note", "must be at most 1000 characters");
        }
        Slot slot = slots.find(slotId).filter(s -> links.linked(caller.userId(), s.therapistId()))
                .orElseThrow(SlotNotFoundException::new);
        Instant now = clock.instant();
        if (slot.status() != SlotStatus.OPEN || !slot.startTime().isAfter(now)) {
            throw new SlotUnavailableException();
        }
        String id = UUID.randomUUID().toString();
        if (!requests.lock(caller.userId(), slotId, id)) {
            throw new DuplicateRequestException();
        }
        if (!requests.countPending(caller.userId(), 1)) {
            requests.unlock(caller.userId(), slotId, id);
            throw new TooManyPendingException();
        }
        AppointmentRequest request = new AppointmentRequest(id, slotId, caller.userId(), slot.therapistId(),
                slot.startTime(), slot.endTime(), note, AppointmentStatus.PENDING, now);
        requests.create(request, new AppointmentRequested(id, slotId, caller.userId(), slot.therapistId(),
                slot.startTime(), slot.endTime()));
        return request;
    }

    /** Client: own requests · therapist: requests for own slots · admin: all; newest first. */
    public Page<AppointmentRequest> list(Caller caller, String statusText, PageRequest page) {
        AppointmentStatus status = statusText == null ? null : AppointmentStatus.fromWire(statusText).orElseThrow(
                () -> BadRequestException.field("status", "must be pending, approved, rejected or cancelled"));
        if (caller.is(Role.CLIENT)) {
            return requests.pageOfClient(caller.userId(), status, page);
        }
        if (caller.is(Role.THERAPIST)) {
            return requests.pageOfTherapist(caller.userId(), status, page);
        }
        return requests.pageOfAll(status, page);
    }

    public AppointmentRequest decide(Caller caller, String requestId, String statusText) {
        AppointmentRequest request = requests.find(requestId).orElseThrow(RequestNotFoundException::new);
        boolean client = caller.isUser(request.clientId()) && caller.is(Role.CLIENT);
        boolean therapist = caller.isUser(request.therapistId()) && caller.is(Role.THERAPIST);
        if (!client && !therapist) {
            if (caller.isAdmin()) {
                throw new NotYourDecisionException();
            }
            throw new RequestNotFoundException();
        }
        AppointmentDecision decision = AppointmentDecision.fromStatus(statusText);
        // the client only cancels; the therapist only approves or rejects
        if (client != (decision == AppointmentDecision.CANCELLED)) {
            throw new NotYourDecisionException();
        }
        if (request.status() != AppointmentStatus.PENDING) {
            throw new RequestNotPendingException();
        }
        switch (decision) {
            case APPROVED -> approve(request);
            case REJECTED -> {
                if (!reject(request)) {
                    throw new RequestNotPendingException();
                }
            }
            case CANCELLED -> {
                if (!requests.resolve(requestId, AppointmentStatus.CANCELLED, new AppointmentCancelled(requestId, request.slotId(),
                        request.clientId(), request.therapistId(), request.startTime(), request.endTime()))) {
                    throw new RequestNotPendingException();
                }
                release(request);
            }
        }
        return request.withStatus(decision.status);
    }

    /**
     * The slot's conditional write (open → booked by this request, AppointmentApproved with the derived
     * sessionId in its outbox) decides the race; everything after it is idempotent, and is done again from
     * that event if this follow-up is cut short (see {@link #redriveApproval}).
     */
    private void approve(AppointmentRequest request) {
        Slot slot = slots.find(request.slotId()).orElseThrow(RequestNotPendingException::new);
        String sessionId = SessionRepository.sessionIdFor(request.slotId(), request.appointmentRequestId());
        if (!slot.startTime().isAfter(clock.instant()) || !slots.book(slot, request.appointmentRequestId(),
                new AppointmentApproved(request.appointmentRequestId(), request.slotId(), request.clientId(),
                        request.therapistId(), request.startTime(), request.endTime(), sessionId))) {
            throw new RequestNotPendingException();
        }
        if (!completeApproval(request, sessionId)) {
            throw new RequestNotPendingException();
        }
    }

    /**
     * The approval's follow-up again, from the service's own AppointmentApproved: a crash between the
     * slot's write and the follow-up still ends with the session. Only while the slot is still booked by
     * that request: once its session was cancelled and the slot reopened, an old event changes nothing.
     */
    public void redriveApproval(AppointmentApproved approved) {
        boolean stillBooked = slots.find(approved.slotId())
                .filter(slot -> slot.isBookedBy(approved.appointmentRequestId())).isPresent();
        if (stillBooked) {
            requests.find(approved.appointmentRequestId())
                    .ifPresent(request -> completeApproval(request, approved.sessionId()));
        }
    }

    /**
     * Idempotent follow-up of a won approval: request approved, session created, the others rejected.
     * False if a cancellation or rejection of the request got in between the slot's write and this: the
     * booking is void and the slot open again.
     */
    private boolean completeApproval(AppointmentRequest request, String sessionId) {
        String requestId = request.appointmentRequestId();
        if (requests.resolve(requestId, AppointmentStatus.APPROVED, null)) {
            release(request);
        } else if (!requests.find(requestId).map(r -> r.status() == AppointmentStatus.APPROVED).orElse(false)) {
            slots.find(request.slotId()).ifPresent(slot -> slots.reopen(slot, requestId));
            return false;
        }
        Session session = new Session(sessionId, request.clientId(), request.therapistId(), request.slotId(),
                requestId, request.startTime(), request.endTime(), SessionStatus.SCHEDULED, "", "");
        sessions.createOnce(session);
        requests.pendingOfSlot(request.slotId()).stream()
                .filter(other -> !other.appointmentRequestId().equals(requestId))
                .forEach(this::reject);
        // the link may have ended while the session was being created, after its reaction looked for sessions
        if (!links.linked(request.clientId(), request.therapistId())) {
            sessionService.cancelIfFuture(session);
        }
        return true;
    }

    /** Rejects a pending request (false if it was not pending any more). */
    public boolean reject(AppointmentRequest request) {
        boolean done = requests.resolve(request.appointmentRequestId(), AppointmentStatus.REJECTED, new AppointmentRejected(
                request.appointmentRequestId(), request.slotId(), request.clientId(), request.therapistId(),
                request.startTime(), request.endTime()));
        if (done) {
            release(request);
        }
        return done;
    }

    /** Rejects every pending request of the pair (mapping ended). */
    public void rejectPendingOfPair(String clientId, String therapistId) {
        requests.pendingOfClient(clientId).stream().filter(r -> r.therapistId().equals(therapistId))
                .forEach(this::reject);
    }

    /** Rejects every pending request of a deleted client. */
    public void rejectPendingOfClient(String clientId) {
        requests.pendingOfClient(clientId).forEach(this::reject);
    }

    /** Rejects every pending request for a deleted therapist's slots. */
    public void rejectPendingOfTherapist(String therapistId) {
        requests.pendingOfTherapist(therapistId).forEach(this::reject);
    }

    private void release(AppointmentRequest request) {
        requests.unlock(request.clientId(), request.slotId(), request.appointmentRequestId());
        requests.countPending(request.clientId(), -1);
    }
}

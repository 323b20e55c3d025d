package io.therapyms.scheduling.appointments;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.scheduling.AppointmentApproved;
import io.therapyms.events.scheduling.AppointmentCancelled;
import io.therapyms.events.scheduling.AppointmentRejected;
import io.therapyms.events.scheduling.AppointmentRequested;
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
import io.therapyms.scheduling.slots.Slot;
import io.therapyms.scheduling.slots.SlotExceptions.SlotNotFoundException;
import io.therapyms.scheduling.slots.SlotRepository;

/** Requests for slots and the race-safe approval that books a slot exactly once. */
@Singleton
public class AppointmentService {

    @Inject
    AppointmentRepository requests;

    @Inject
    SlotRepository slots;

    @Inject
    SessionRepository sessions;

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
        Instant now = Instant.now();
        if (!"open".equals(slot.status()) || !slot.startTime().isAfter(now)) {
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
                slot.startTime(), slot.endTime(), note, "pending", now);
        requests.create(request, new AppointmentRequested(id, slotId, caller.userId(), slot.therapistId(),
                slot.startTime(), slot.endTime()));
        return request;
    }

    public List<AppointmentRequest> list(Caller caller, String status) {
        if (status != null && !List.of("pending", "approved", "rejected", "cancelled").contains(status)) {
            throw BadRequestException.field("status", "must be pending, approved, rejected or cancelled");
        }
        List<AppointmentRequest> found;
        if (caller.is(Role.CLIENT)) {
            found = requests.ofClient(caller.userId());
        } else if (caller.is(Role.THERAPIST)) {
            found = requests.ofTherapist(caller.userId());
        } else {
            found = List.of(); // admin: no global request index yet (see README)
        }
        return found.stream().filter(r -> status == null || status.equals(r.status()))
                .sorted(Comparator.comparing(AppointmentRequest::createdAt).reversed()).toList();
    }

    public AppointmentRequest decide(Caller caller, String requestId, String status) {
        AppointmentRequest request = requests.find(requestId).orElseThrow(RequestNotFoundException::new);
        boolean client = caller.isUser(request.clientId()) && caller.is(Role.CLIENT);
        boolean therapist = caller.isUser(request.therapistId()) && caller.is(Role.THERAPIST);
        if (!client && !therapist) {
            if (caller.isAdmin()) {
                throw new NotYourDecisionException();
            }
            throw new RequestNotFoundException();
        }
        if (status == null || !List.of("approved", "rejected", "cancelled").contains(status)) {
            throw BadRequestException.field("status", "must be approved, rejected or cancelled");
        }
        if (client != "cancelled".equals(status)) {
            throw new NotYourDecisionException();
        }
        if (!"pending".equals(request.status())) {
            throw new RequestNotPendingException();
        }
        switch (status) {
            case "approved" -> approve(request);
            case "rejected" -> reject(request);
            default -> {
                if (!requests.resolve(requestId, "cancelled", new AppointmentCancelled(requestId, request.slotId(),
                        request.clientId(), request.therapistId(), request.startTime(), request.endTime()))) {
                    throw new RequestNotPendingException();
                }
                release(request);
            }
        }
        return request.withStatus(status);
    }

    /**
     * The slot's conditional write (open → booked by this request, AppointmentApproved with the derived
     * sessionId in its outbox) decides the race; everything after it is idempotent.
     */
    private void approve(AppointmentRequest request) {
        Slot slot = slots.find(request.slotId()).orElseThrow(RequestNotPendingException::new);
        String sessionId = SessionRepository.sessionIdFor(request.slotId(), request.appointmentRequestId());
        if (!slot.startTime().isAfter(Instant.now()) || !slots.book(slot, request.appointmentRequestId(),
                new AppointmentApproved(request.appointmentRequestId(), request.slotId(), request.clientId(),
                        request.therapistId(), request.startTime(), request.endTime(), sessionId))) {
            throw new RequestNotPendingException();
        }
        completeApproval(request, sessionId);
    }

    /** Idempotent follow-up of a won approval: request approved, session created, the others rejected. */
    public void completeApproval(AppointmentRequest request, String sessionId) {
        if (requests.resolve(request.appointmentRequestId(), "approved", null)) {
            release(request);
        }
        sessions.createOnce(new Session(sessionId, request.clientId(), request.therapistId(), request.slotId(),
                request.appointmentRequestId(), request.startTime(), request.endTime(), "scheduled", "", ""));
        for (AppointmentRequest other : requests.ofSlot(request.slotId())) {
            if (!other.appointmentRequestId().equals(request.appointmentRequestId())
                    && "pending".equals(other.status())) {
                reject(other);
            }
        }
    }

    /** Rejects a pending request (false if it was not pending any more). */
    public boolean reject(AppointmentRequest request) {
        boolean done = requests.resolve(request.appointmentRequestId(), "rejected", new AppointmentRejected(
                request.appointmentRequestId(), request.slotId(), request.clientId(), request.therapistId(),
                request.startTime(), request.endTime()));
        if (done) {
            release(request);
        }
        return done;
    }

    /** Rejects every pending request of the pair (mapping ended, party deleted). */
    public void rejectPendingOfPair(String clientId, String therapistId) {
        requests.ofClient(clientId).stream()
                .filter(r -> r.therapistId().equals(therapistId) && "pending".equals(r.status()))
                .forEach(this::reject);
    }

    private void release(AppointmentRequest request) {
        requests.unlock(request.clientId(), request.slotId(), request.appointmentRequestId());
        requests.countPending(request.clientId(), -1);
    }
}

package io.therapyms.scheduling.appointments;

import io.therapyms.platform.errors.ConflictException;
import io.therapyms.platform.errors.ForbiddenException;
import io.therapyms.platform.errors.NotFoundException;

/** The appointment-request errors of the API. */
public final class AppointmentExceptions {

    private AppointmentExceptions() {
    }

    public static class RequestNotFoundException extends NotFoundException {
        public RequestNotFoundException() {
            super("No such appointment request.");
        }
    }

    public static class SlotUnavailableException extends ConflictException {
        public SlotUnavailableException() {
            super("The slot is booked or in the past.");
        }
    }

    public static class DuplicateRequestException extends ConflictException {
        public DuplicateRequestException() {
            super("You already have a pending request for this slot.");
        }
    }

    public static class TooManyPendingException extends ConflictException {
        public TooManyPendingException() {
            super("At most 10 pending requests per client.");
        }
    }

    public static class RequestNotPendingException extends ConflictException {
        public RequestNotPendingException() {
            super("The request is not pending any more, or its slot is booked.");
        }
    }

    public static class NotYourDecisionException extends ForbiddenException {
        public NotYourDecisionException() {
            super("This change belongs to the other party.");
        }
    }
}

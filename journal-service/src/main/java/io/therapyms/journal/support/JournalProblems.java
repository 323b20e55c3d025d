package io.therapyms.journal.support;

import java.util.List;

import io.therapyms.platform.errors.ConflictException;
import io.therapyms.platform.errors.ForbiddenException;
import io.therapyms.platform.errors.NotFoundException;
import io.therapyms.platform.errors.ProblemException;

/** The domain problems of journal-service. */
public final class JournalProblems {

    private JournalProblems() {
    }

    /** Unrelated callers: the journal (or request) does not exist for them. */
    public static class JournalNotFoundException extends NotFoundException {
        public JournalNotFoundException() {
            super("No such journal or entry.");
        }
    }

    public static class AccessRequestNotFoundException extends NotFoundException {
        public AccessRequestNotFoundException() {
            super("No such journal access request.");
        }
    }

    /** A linked therapist without an active grant, or a party acting outside its role. */
    public static class NoJournalAccessException extends ForbiddenException {
        public NoJournalAccessException(String detail) {
            super(detail);
        }
    }

    public static class AccessRequestExistsException extends ConflictException {
        public AccessRequestExistsException() {
            super("A journal access request is already pending or active for this client and therapist.");
        }
    }

    public static class AccessRequestStateException extends ConflictException {
        public AccessRequestStateException(String detail) {
            super(detail);
        }
    }

    /** The read could not be recorded in the access log, so it is refused. */
    public static class AccessLogUnavailableException extends ProblemException {
        public AccessLogUnavailableException() {
            super(503, "access-log-unavailable", "Service Unavailable",
                    "The journal cannot be read right now; please retry later.", List.of());
        }
    }
}

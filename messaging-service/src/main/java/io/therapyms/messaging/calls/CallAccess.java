package io.therapyms.messaging.calls;

import java.time.Clock;
import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.messaging.links.LinkRepository;
import io.therapyms.platform.errors.ConflictException;
import io.therapyms.platform.errors.ForbiddenException;
import io.therapyms.platform.errors.NotFoundException;

/**
 * Who may join a session's call, for the REST endpoint and the signalling socket alike: only its
 * client and therapist (anyone else cannot tell it exists), only while it is scheduled and they are
 * linked, only inside the join window.
 */
@Singleton
public class CallAccess {

    static final class NoSuchCallException extends NotFoundException {
        NoSuchCallException() {
            super("No such session");
        }
    }

    static final class SessionCancelledException extends ConflictException {
        SessionCancelledException(String status) {
            super("The session is " + status.replace('_', ' ') + "; it has no call");
        }
    }

    static final class OutsideWindowException extends ForbiddenException {
        OutsideWindowException(CallSession session) {
            super("The call can be joined from " + session.joinOpensAt() + " until " + session.joinClosesAt());
        }
    }

    static final class LinkEndedException extends ForbiddenException {
        LinkEndedException() {
            super("The client and therapist are no longer linked");
        }
    }

    @Inject
    SessionRepository sessions;

    @Inject
    LinkRepository links;

    Clock clock = Clock.systemUTC();

    /** The session if {@code userId} may join its call now; otherwise the reason, as a problem. */
    public CallSession check(String userId, String sessionId) {
        CallSession session = sessions.find(sessionId).filter(s -> s.isParty(userId))
                .orElseThrow(NoSuchCallException::new);
        if (!session.joinable()) {
            throw new SessionCancelledException(session.status());
        }
        if (!links.areLinked(session.clientId(), session.therapistId())) {
            throw new LinkEndedException();
        }
        if (!session.windowOpenAt(Instant.now(clock))) {
            throw new OutsideWindowException(session);
        }
        return session;
    }
}

package io.therapyms.analytics.access;

import jakarta.inject.Singleton;

import io.therapyms.platform.errors.ForbiddenException;
import io.therapyms.platform.errors.NotFoundException;
import io.therapyms.platform.security.Caller;
import io.therapyms.platform.security.Role;

/** Who may read which figures; every resource asks here. Deny by default. */
@Singleton
public class AnalyticsPolicy {

    /** A therapist's figures and client rows: that therapist and admins; anyone else learns nothing (404). */
    public void mayReadTherapist(Caller caller, String therapistId) {
        if (caller.isAdmin() || (caller.is(Role.THERAPIST) && caller.isUser(therapistId))) {
            return;
        }
        throw new NotFoundException("No such therapist.");
    }

    /** The practice view: admins only. */
    public void mayReadPractice(Caller caller) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only an admin sees the practice's figures.");
        }
    }
}

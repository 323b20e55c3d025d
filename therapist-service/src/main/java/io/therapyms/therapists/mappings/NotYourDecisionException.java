package io.therapyms.therapists.mappings;

import io.therapyms.platform.errors.ForbiddenException;

class NotYourDecisionException extends ForbiddenException {

    NotYourDecisionException() {
        super("This change to the request belongs to the other party.");
    }
}

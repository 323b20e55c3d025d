package io.therapyms.therapists.profiles;

import io.therapyms.platform.errors.ForbiddenException;

class NotYourProfileException extends ForbiddenException {

    NotYourProfileException() {
        super("Only the therapist themself or an admin may do this.");
    }
}

package io.therapyms.therapists.mappings;

import io.therapyms.platform.errors.ForbiddenException;

class UnverifiedTherapistException extends ForbiddenException {

    UnverifiedTherapistException() {
        super("Only a verified therapist may invite clients.");
    }
}

package io.therapyms.clients.profiles;

import io.therapyms.platform.errors.ForbiddenException;

/** A linked therapist may read the profile, but changes and the therapist list belong to the client and admins. */
class NotTheClientException extends ForbiddenException {

    NotTheClientException() {
        super("Only the client or an admin may do this.");
    }
}

package io.therapyms.therapists.mappings;

import io.therapyms.platform.errors.ConflictException;

class MappingExistsException extends ConflictException {

    MappingExistsException() {
        super("A pending request or a link exists for this client and therapist.");
    }
}

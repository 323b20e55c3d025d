package io.therapyms.therapists.mappings;

import io.therapyms.platform.errors.ConflictException;

class MappingNotPendingException extends ConflictException {

    MappingNotPendingException() {
        super("The mapping request is not pending any more.");
    }
}

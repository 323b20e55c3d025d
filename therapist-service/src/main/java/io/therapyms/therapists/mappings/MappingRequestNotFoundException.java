package io.therapyms.therapists.mappings;

import io.therapyms.platform.errors.NotFoundException;

class MappingRequestNotFoundException extends NotFoundException {

    MappingRequestNotFoundException() {
        super("No such mapping request.");
    }
}

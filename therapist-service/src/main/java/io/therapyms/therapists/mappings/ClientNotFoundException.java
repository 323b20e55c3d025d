package io.therapyms.therapists.mappings;

import io.therapyms.platform.errors.NotFoundException;

class ClientNotFoundException extends NotFoundException {

    ClientNotFoundException() {
        super("No such client.");
    }
}

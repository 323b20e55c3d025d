package io.therapyms.therapists.mappings;

import io.therapyms.platform.errors.NotFoundException;

class LinkNotFoundException extends NotFoundException {

    LinkNotFoundException() {
        super("No link between this client and therapist.");
    }
}

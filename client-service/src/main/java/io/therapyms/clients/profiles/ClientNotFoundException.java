package io.therapyms.clients.profiles;

import io.therapyms.platform.errors.NotFoundException;

/** No such client, or the caller has no relationship to it: the answer is the same. */
class ClientNotFoundException extends NotFoundException {

    ClientNotFoundException() {
        super("No such client.");
    }
}

package io.therapyms.clients.profiles;

import io.therapyms.platform.errors.ConflictException;

class ClientProfileExistsException extends ConflictException {

    ClientProfileExistsException() {
        super("A client profile exists for this user.");
    }
}

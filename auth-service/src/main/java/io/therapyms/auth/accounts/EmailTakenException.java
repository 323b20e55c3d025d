package io.therapyms.auth.accounts;

import io.therapyms.platform.errors.ConflictException;

class EmailTakenException extends ConflictException {

    EmailTakenException() {
        super("An account with this email exists.");
    }
}

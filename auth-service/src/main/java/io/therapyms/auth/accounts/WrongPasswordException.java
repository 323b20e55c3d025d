package io.therapyms.auth.accounts;

import io.therapyms.platform.errors.ForbiddenException;

/** The caller is authenticated, but the current password given to change it is wrong. */
public class WrongPasswordException extends ForbiddenException {

    public WrongPasswordException() {
        super("The current password is not correct.");
    }
}

package io.therapyms.therapists.profiles;

import io.therapyms.platform.errors.ConflictException;

class ProfileExistsException extends ConflictException {

    ProfileExistsException() {
        super("The therapist profile exists.");
    }
}

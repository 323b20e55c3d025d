package io.therapyms.therapists.profiles;

import io.therapyms.platform.errors.ConflictException;

class ConcurrentEditException extends ConflictException {

    ConcurrentEditException() {
        super("The profile was changed by someone else meanwhile; read it again and retry.");
    }
}

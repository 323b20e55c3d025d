package io.therapyms.platform.errors;

/** 409: the state of the resource does not allow this (duplicate, not pending any more, booked). */
public class ConflictException extends ProblemException {

    public ConflictException(String detail) {
        super(409, "conflict", "Conflict", detail, null);
    }
}

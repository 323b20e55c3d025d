package io.therapyms.platform.errors;

import java.util.List;

/** 400: the request is malformed or breaks a rule of the API; optionally names the fields. */
public class BadRequestException extends ProblemException {

    public BadRequestException(String detail) {
        super(400, "bad-request", "Bad request", detail, null);
    }

    public BadRequestException(String detail, List<Problem.FieldError> fieldErrors) {
        super(400, "validation", "Invalid request", detail, fieldErrors);
    }

    public static BadRequestException field(String field, String message) {
        return new BadRequestException(field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }
}

package io.therapyms.platform.errors;

/** 403: the caller is related to the resource but may not do this to it. */
public class ForbiddenException extends ProblemException {

    public ForbiddenException(String detail) {
        super(403, "forbidden", "Forbidden", detail, null);
    }
}

package io.therapyms.platform.errors;

/** 404: the resource does not exist, or the caller has no relationship to it (we never say which). */
public class NotFoundException extends ProblemException {

    public NotFoundException(String detail) {
        super(404, "not-found", "Not found", detail, null);
    }
}

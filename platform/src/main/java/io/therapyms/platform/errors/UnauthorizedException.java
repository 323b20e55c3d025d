package io.therapyms.platform.errors;

/** 401: no valid credentials. Mapped with a {@code WWW-Authenticate: Bearer} header. */
public class UnauthorizedException extends ProblemException {

    public UnauthorizedException(String detail) {
        super(401, "unauthorized", "Unauthorized", detail, null);
    }
}

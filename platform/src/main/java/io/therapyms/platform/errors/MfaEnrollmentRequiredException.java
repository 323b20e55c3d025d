package io.therapyms.platform.errors;

/** 403: the caller's role must have a second factor and the caller has not set one up yet. */
public class MfaEnrollmentRequiredException extends ProblemException {

    public MfaEnrollmentRequiredException() {
        super(403, "mfa-enrollment-required", "Second factor required",
                "Set up a second factor (an authenticator app or a passkey) before using this account.", null);
    }
}

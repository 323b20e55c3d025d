package io.therapyms.platform.security;

import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.therapyms.platform.errors.MfaEnrollmentRequiredException;

/**
 * Refuses every call of a token that auth-service marked {@value #CLAIM} (a user whose role must
 * have a second factor and who has none yet), except the calls that let them enrol: who am I, the
 * enrolment endpoints and logout. Runs in every service, after the revocation check.
 */
public class MfaEnrollmentFilter {

    /** The access-token claim auth-service sets (true) while the user must still enrol. */
    public static final String CLAIM = "mfa_enrollment_required";

    static final Set<String> OPEN = Set.of(
            "GET /api/auth/me",
            "POST /api/auth/mfa/totp/setup",
            "POST /api/auth/mfa/totp/confirm",
            "POST /api/auth/passkeys/registration-options",
            "POST /api/auth/passkeys",
            "POST /api/auth/logout");

    @Inject
    JsonWebToken token;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 2)
    public void requireEnrolment(ContainerRequestContext request) {
        if (request.getHeaderString("Authorization") == null || token == null || token.getRawToken() == null) {
            return;
        }
        Object claim = token.getClaim(CLAIM);
        if (claim == null || !"true".equals(claim.toString())) {
            return;
        }
        String path = request.getUriInfo().getPath();
        String call = request.getMethod() + " " + (path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        if (!OPEN.contains(call)) {
            throw new MfaEnrollmentRequiredException();
        }
    }
}

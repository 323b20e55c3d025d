package io.therapyms.platform.security;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.therapyms.platform.errors.UnauthorizedException;

/**
 * The {@link Caller} of the current request, read from the verified JWT (signature, iss, aud and
 * exp are checked by SmallRye JWT before this runs). A token without a subject or a known role is
 * refused; everything else about the token is ignored.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    JsonWebToken token;

    private Caller caller;

    /** The authenticated caller; 401 when the request carries no valid token. */
    public Caller get() {
        if (caller == null) {
            caller = find().orElseThrow(() -> new UnauthorizedException("A valid bearer token is required."));
        }
        return caller;
    }

    /** The caller if the request is authenticated, for endpoints open to anyone. */
    public Optional<Caller> find() {
        if (token == null || token.getRawToken() == null || token.getSubject() == null) {
            return Optional.empty();
        }
        return token.getGroups().stream()
                .map(Role::fromClaim)
                .flatMap(Optional::stream)
                .findFirst()
                .map(role -> new Caller(token.getSubject(), role, token.getName()));
    }
}

package io.therapyms.platform.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Remembers the access tokens whose verification succeeded (signature, issuer, audience, expiry), keyed by the
 * whole token string, until their {@code exp}: a client's repeated requests then skip the RS256 signature check.
 * Only a string equal to a verified token hits, so nothing is trusted that was not verified once; an entry is
 * dropped at {@code exp} (the verifier's clock skew is not extended to it), and a failed verification is never
 * remembered. Revocation (logout, password change, deactivation) is not a property of the token and stays the
 * per-request check of {@link RevocationFilter}. Bounded: when full, expired entries go, and if that is not enough,
 * all of them (the next requests verify again).
 */
public final class VerifiedTokenCache implements JWTParser {

    private record Verified(JsonWebToken token, Instant expiresAt) {
    }

    private final JWTParser verifier;
    private final int capacity;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    public VerifiedTokenCache(JWTParser verifier, int capacity, Clock clock) {
        this.verifier = verifier;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** The path every bearer token of a request takes (Quarkus' JWT identity provider). */
    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (capacity <= 0) {
            return verifier.parse(token);
        }
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known != null) {
            if (now.isBefore(known.expiresAt())) {
                return known.token();
            }
            verified.remove(token, known);
        }
        JsonWebToken fresh = verifier.parse(token);
        Object exp = fresh.getClaim(Claims.exp.name());
        Instant expiresAt = exp instanceof Number seconds ? Instant.ofEpochSecond(seconds.longValue()) : Instant.MIN;
        if (now.isBefore(expiresAt)) {
            makeRoom(now);
            verified.put(token, new Verified(fresh, expiresAt));
        }
        return fresh;
    }

    int size() {
        return verified.size();
    }

    private void makeRoom(Instant now) {
        if (verified.size() < capacity) {
            return;
        }
        verified.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
        if (verified.size() >= capacity) {
            verified.clear();
        }
    }

    // Everything else is not the request path: straight to the verifier, never remembered.

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}

package io.therapyms.auth.passwords;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.vertx.core.Context;
import io.therapyms.auth.config.AuthConfig;

/**
 * bcrypt over an HMAC-SHA-256 of the password. bcrypt reads only 72 bytes; the pre-hash makes all
 * of a 128-character password count (and keeps multi-byte text from being cut mid-character).
 * bcrypt is slow on purpose: it runs only on the bounded {@link HashingPool}, and its callers, which
 * wait for it, refuse to be an I/O thread.
 */
@Singleton
public class PasswordHasher {

    private final SecretKeySpec pepper;
    private final int cost;
    private final HashingPool pool;
    /** Verified against when the account does not exist, so both paths cost the same. */
    private final String decoyHash;

    @Inject
    public PasswordHasher(AuthConfig config, HashingPool pool) {
        this(config.passwordPepper(), config.bcryptCost(), pool);
    }

    PasswordHasher(String pepper, int cost, HashingPool pool) {
        this.pepper = new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.cost = cost;
        this.pool = pool;
        this.decoyHash = BcryptUtil.bcryptHash(preHash("decoy password for timing equality"), cost);
    }

    public String hash(String password) {
        requireWorkerThread();
        String preHashed = preHash(password);
        return pool.run(() -> BcryptUtil.bcryptHash(preHashed, cost));
    }

    public boolean matches(String password, String storedHash) {
        requireWorkerThread();
        String preHashed = preHash(password);
        return pool.run(() -> BcryptUtil.matches(preHashed, storedHash));
    }

    /** Spends the same time as {@link #matches} for an unknown account; always false. */
    public boolean matchesNothing(String password) {
        matches(password, decoyHash);
        return false;
    }

    private String preHash(String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private static void requireWorkerThread() {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("bcrypt must not run on an I/O thread");
        }
    }
}

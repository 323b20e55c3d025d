package io.therapyms.auth.mfa;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

/**
 * The test's authenticator app: computes codes from the secret of a setup. Each code it hands out is
 * of a newer time step than the last (the service accepts a step once), never more than one step
 * ahead of now; when no such step is left it waits for the clock to move on.
 */
public final class Authenticator {

    private final byte[] secret;
    private long lastStep = Long.MIN_VALUE;

    public Authenticator(String base32Secret) {
        this.secret = Base32.decode(base32Secret);
    }

    /** A code the service has not seen used yet, for the current step or the next. */
    public synchronized String nextCode() {
        long wanted = Math.max(lastStep + 1, Totp.step(Instant.now()));
        // a step more than one ahead would be refused: wait until it is at most one ahead
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> Totp.step(Instant.now()) >= wanted - 1);
        lastStep = wanted;
        return Totp.code(secret, wanted, Totp.DIGITS);
    }

    /** The code of the step last handed out: one the service has seen (for replay tests). */
    public synchronized String lastCode() {
        return Totp.code(secret, lastStep, Totp.DIGITS);
    }

    /** A well-formed code of none of the accepted steps. */
    public String wrongCode() {
        long now = Totp.step(Instant.now());
        String code = "000000";
        for (int i = 0; i < 1_000_000; i++) {
            code = String.format("%06d", i);
            boolean accepted = false;
            for (long step = now - 2; step <= now + 2; step++) {
                accepted |= Totp.code(secret, step, Totp.DIGITS).equals(code);
            }
            if (!accepted) {
                return code;
            }
        }
        return code;
    }
}

package io.therapyms.auth.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** auth-service settings; each has a local default and an environment override (see README). */
@ConfigMapping(prefix = "tms.auth")
public interface AuthConfig {

    /** bcrypt cost factor; at least 12 in the prod profile (checked at start-up). */
    @WithDefault("12")
    int bcryptCost();

    /** Key of the HMAC-SHA-256 applied before bcrypt, so every byte of a long password counts. */
    String passwordPepper();

    /** Location (file path or classpath:) of the PEM private key that signs access tokens. */
    Optional<String> signingKey();

    String issuer();

    String audience();

    @WithDefault("PT15M")
    Duration accessTokenLifetime();

    /** Absolute life of a refresh-token family, counted from login; rotation does not extend it. */
    @WithDefault("PT12H")
    Duration refreshTokenLifetime();

    Throttle throttle();

    Hashing hashing();

    Admin admin();

    Mfa mfa();

    WebAuthn webauthn();

    interface Throttle {
        @WithDefault("5")
        int maxFailures();

        @WithDefault("PT15M")
        Duration window();
    }

    /** The bounded pool that runs bcrypt (see HashingPool): a login flood waits there or gets a 503. */
    interface Hashing {
        /** Threads that run bcrypt; left out: max(1, cores - 1). */
        Optional<Integer> threads();

        /** Hashes that may wait for a thread; one more is refused with 503 and Retry-After. */
        @WithDefault("16")
        int queue();
    }

    interface Admin {
        Optional<String> email();

        Optional<String> password();
    }

    /** Second factors (see the README's "Second factors"). */
    interface Mfa {
        /** Base64 of the 32-byte AES key that encrypts TOTP secrets at rest ({@code MFA_ENCRYPTION_KEY}). */
        Optional<String> encryptionKey();

        /** Comma-separated roles that must have a second factor; {@code none} turns the rule off. */
        @WithDefault("admin")
        String requiredRoles();

        /** Life of the mfaToken between the password step and the second step of a login. */
        @WithDefault("PT5M")
        Duration tokenLifetime();

        /** The issuer shown by authenticator apps (the otpauth URI's label prefix and issuer parameter). */
        @WithDefault("Therapy Management System")
        String issuerName();
    }

    /** Passkeys: the relying party browsers see (see the README's "Passkeys"). */
    interface WebAuthn {
        /** The RP id: the site's registrable domain ({@code WEBAUTHN_RP_ID}); {@code localhost} for ./run. */
        @WithDefault("localhost")
        String rpId();

        /** The name browsers show while creating a passkey. */
        @WithDefault("Therapy Management System")
        String rpName();

        /** Origins whose pages may use the passkeys, e.g. {@code https://app.example.org} ({@code WEBAUTHN_ORIGINS}). */
        java.util.List<String> origins();

        /** Life of a registration or login challenge; each is also single-use. */
        @WithDefault("PT5M")
        Duration challengeLifetime();
    }
}

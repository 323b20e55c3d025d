package io.therapyms.auth.mfa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.configuration.ConfigUtils;
import io.therapyms.auth.accounts.Account;
import io.therapyms.auth.config.AuthConfig;
import io.therapyms.auth.config.SecretDigests;
import io.therapyms.auth.sessions.LoginThrottle;
import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.errors.ConflictException;
import io.therapyms.platform.errors.ForbiddenException;
import io.therapyms.platform.errors.NotFoundException;

/**
 * TOTP enrolment, recovery codes, and the second step of a login. Secrets, codes and tokens are
 * never logged: only their hashes or ciphertexts reach the store, and nothing about them goes to Kafka.
 */
@Singleton
public class MfaService {

    static final int RECOVERY_CODES = 10;
    private static final int SECRET_BYTES = 20; // 160 bits, RFC 4226's recommended HMAC-SHA-1 key size
    private static final char[] RECOVERY_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray(); // 32 symbols
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Setup(String secret, String otpauthUri) {
    }

    /** What GET /api/auth/me tells about second factors. */
    public record Status(boolean totp, int passkeys, boolean required) {
    }

    @Inject
    MfaRepository repository;

    @Inject
    LoginThrottle throttle;

    @Inject
    AuthConfig config;

    @Inject
    PasskeyRepository passkeys;

    @Inject
    Clock clock;

    private SecretCipher cipher;
    private Set<String> requiredRoles;

    @PostConstruct
    void init() {
        cipher = SecretCipher.fromConfig(config.mfa().encryptionKey(), ConfigUtils.getProfiles());
        requiredRoles = parseRoles(config.mfa().requiredRoles());
    }

    /** The roles that must have a second factor (empty with {@code none}). */
    public Set<String> requiredRoles() {
        return requiredRoles;
    }

    static Set<String> parseRoles(String configured) {
        Set<String> roles = Arrays.stream(configured.split(",")).map(String::strip).map(r -> r.toLowerCase(Locale.ROOT))
                .filter(r -> !r.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return roles.contains("none") ? Set.of() : roles;
    }

    // --- enrolment ---

    public Setup setup(Account account) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        if (!repository.putPendingTotp(account.userId(), cipher.encrypt(secret, account.userId()),
                UUID.randomUUID().toString(), clock.instant())) {
            throw new ConflictException("An authenticator app is already set up; remove it first.");
        }
        String encoded = Base32.encode(secret);
        return new Setup(encoded, otpauthUri(account.email(), encoded));
    }

    /** Turns the pending setup on when the code matches it; returns the recovery codes, shown once. */
    public List<String> confirm(String userId, String code) {
        TotpEnrolment pending = repository.findTotp(userId).filter(t -> !t.active())
                .orElseThrow(() -> new ConflictException("No authenticator app setup is waiting for confirmation."));
        throttle.requireSecondFactorNotLocked(userId);
        OptionalLong step = Totp.matchingStep(cipher.decrypt(pending.encryptedSecret(), userId), code, clock.instant());
        if (step.isEmpty()) {
            throttle.recordSecondFactorFailure(userId);
            throw BadRequestException.field("code", "does not match the authenticator app; check its clock");
        }
        repository.deleteRecoveryCodes(userId); // left over from an earlier enrolment, if any
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            codes.add(newRecoveryCode());
        }
        repository.putRecoveryCodes(userId, codes.stream().map(MfaService::recoveryHash).toList());
        // Written after the codes, so an active app always has its codes; a lost race leaves unused ones behind.
        if (!repository.activateTotp(userId, pending.setupId(), step.getAsLong(), clock.instant())) {
            repository.deleteRecoveryCodes(userId);
            throw new ConflictException("The setup was replaced or confirmed meanwhile; start again.");
        }
        return codes;
    }

    /** Removes the app and its recovery codes; the password was checked by the caller. */
    public void remove(String userId, String code, String recoveryCode) {
        if (!totpEnabled(userId)) {
            throw new NotFoundException("No authenticator app is set up.");
        }
        if (!verify(userId, code, recoveryCode)) {
            throw new ForbiddenException("The code is not correct.");
        }
        repository.deleteTotp(userId);
        repository.deleteRecoveryCodes(userId);
    }

    // --- login ---

    public boolean totpEnabled(String userId) {
        return repository.findTotp(userId).filter(TotpEnrolment::active).isPresent();
    }

    /** A user of a role that must have a second factor who has none yet (neither an app nor a passkey). */
    public boolean enrolmentRequired(Account account) {
        return requiredRoles.contains(account.role().claimName()) && !totpEnabled(account.userId())
                && passkeys.ofUser(account.userId()).isEmpty();
    }

    public Status status(Account account) {
        return new Status(totpEnabled(account.userId()), passkeys.ofUser(account.userId()).size(),
                requiredRoles.contains(account.role().claimName()));
    }

    /** Starts the second step after a right password: the returned mfaToken is stored only as its hash. */
    public String startLogin(Account account) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        repository.putMfaToken(SecretDigests.sha256Hex(token), account.userId(), account.email(),
                clock.instant().plus(config.mfa().tokenLifetime()));
        return token;
    }

    public Optional<PendingLogin> pendingLogin(String mfaToken) {
        if (mfaToken == null || mfaToken.isEmpty() || mfaToken.length() > 200) {
            return Optional.empty();
        }
        return repository.findMfaToken(SecretDigests.sha256Hex(mfaToken), clock.instant());
    }

    /** Spends the mfaToken; of racing second steps with one token exactly one gets true. */
    public boolean finishLogin(PendingLogin login) {
        return repository.spendMfaToken(login.tokenHash(), clock.instant());
    }

    /**
     * Checks a TOTP code or a recovery code and uses it up (a code once per time step, a recovery
     * code once). 429 while the user's wrong codes are locked out; a failure counts against that.
     */
    public boolean verify(String userId, String code, String recoveryCode) {
        throttle.requireSecondFactorNotLocked(userId);
        boolean ok = code != null ? useTotpCode(userId, code) : recoveryCode != null && useRecoveryCode(userId, recoveryCode);
        if (!ok) {
            throttle.recordSecondFactorFailure(userId);
        }
        return ok;
    }

    private boolean useTotpCode(String userId, String code) {
        Optional<TotpEnrolment> totp = repository.findTotp(userId).filter(TotpEnrolment::active);
        if (totp.isEmpty()) {
            return false;
        }
        OptionalLong step = Totp.matchingStep(cipher.decrypt(totp.get().encryptedSecret(), userId), code, clock.instant());
        // The conditional write refuses a step already used: a replayed or racing code loses here.
        return step.isPresent() && step.getAsLong() > totp.get().lastUsedStep() && repository.useStep(userId, step.getAsLong());
    }

    private boolean useRecoveryCode(String userId, String recoveryCode) {
        if (!totpEnabled(userId)) {
            return false;
        }
        return repository.useRecoveryCode(userId, recoveryHash(recoveryCode));
    }

    private String otpauthUri(String email, String secret) {
        String issuer = encode(config.mfa().issuerName());
        return "otpauth://totp/" + issuer + ":" + encode(email) + "?secret=" + secret + "&issuer=" + issuer
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** 16 symbols of 32 (80 bits), shown in groups of four; typed with or without the dashes, any case. */
    private static String newRecoveryCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(RECOVERY_ALPHABET[RANDOM.nextInt(RECOVERY_ALPHABET.length)]);
        }
        return code.toString();
    }

    static String recoveryHash(String code) {
        return SecretDigests.sha256Hex(code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT));
    }
}

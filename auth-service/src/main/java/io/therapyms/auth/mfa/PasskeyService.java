package io.therapyms.auth.mfa;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.Challenge;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.VerificationException;

import io.therapyms.auth.accounts.Account;
import io.therapyms.auth.config.AuthConfig;
import io.therapyms.auth.config.SecretDigests;
import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.errors.ConflictException;
import io.therapyms.platform.errors.NotFoundException;

/**
 * Passkeys (WebAuthn Level 2) with webauthn4j: registration by a signed-in user, and discoverable
 * (usernameless) login. Both require user verification, so a passkey login stands for the password and
 * a second factor at once. Every challenge is 32 random bytes, stored only as its hash, single-use (a
 * conditional write) and short-lived; none is ever logged, and nothing about passkeys goes to Kafka.
 */
@Singleton
public class PasskeyService {

    private static final Logger LOG = Logger.getLogger(PasskeyService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MAX_PER_USER = 20;
    /** ES256 first (every platform authenticator has it), RS256 for Windows Hello's older keys. */
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    /** What the browser's navigator.credentials.create() takes (binary values base64url). */
    public record CreationOptions(String challenge, Map<String, String> rp, Map<String, String> user,
            List<Map<String, Object>> pubKeyCredParams, long timeout, String attestation,
            Map<String, Object> authenticatorSelection, List<Map<String, String>> excludeCredentials) {
    }

    /** What navigator.credentials.get() takes; no allowCredentials: the authenticator offers its passkeys. */
    public record RequestOptions(String challenge, String rpId, long timeout, String userVerification,
            List<Map<String, String>> allowCredentials) {
    }

    /** A passkey as its owner sees it in the list. */
    public record View(String passkeyId, String name, Instant createdAt, Instant lastUsedAt, boolean flagged) {
        static View of(Passkey passkey) {
            return new View(passkey.passkeyId(), passkey.name(), passkey.createdAt(), passkey.lastUsedAt(), passkey.flagged());
        }
    }

    /** Why a login with a passkey failed; the caller answers 401 whatever it is. */
    public static class PasskeyRefusedException extends RuntimeException {
        PasskeyRefusedException(String reason) {
            super(reason, null, false, false);
        }
    }

    @Inject
    PasskeyRepository repository;

    @Inject
    AuthConfig config;

    @Inject
    Clock clock;

    private final WebAuthnManager webAuthn = WebAuthnManager.createNonStrictWebAuthnManager();
    private final AttestedCredentialDataConverter credentialConverter = new AttestedCredentialDataConverter(new ObjectConverter());
    private Set<Origin> origins;

    @PostConstruct
    void init() {
        origins = new LinkedHashSet<>();
        config.webauthn().origins().stream().map(String::strip).filter(o -> !o.isEmpty()).map(Origin::new).forEach(origins::add);
    }

    // --- registration ---

    public CreationOptions registrationOptions(Account account) {
        String challenge = newChallenge(PasskeyRepository.REGISTRATION, account.userId());
        List<Map<String, String>> existing = repository.ofUser(account.userId()).stream()
                .map(p -> Map.of("type", "public-key", "id", p.credentialId())).toList();
        return new CreationOptions(challenge,
                Map.of("id", config.webauthn().rpId(), "name", config.webauthn().rpName()),
                Map.of("id", userHandle(account.userId()), "name", account.email(), "displayName", account.email()),
                ALGORITHMS.stream().<Map<String, Object>>map(a -> Map.of("type", "public-key", "alg", a.getAlg().getValue())).toList(),
                config.webauthn().challengeLifetime().toMillis(), "none",
                Map.of("residentKey", "required", "requireResidentKey", true, "userVerification", "required"),
                existing);
    }

    /** Verifies a new credential against the caller's registration challenge and stores it. */
    public View register(Account account, String name, String credentialJson) {
        RegistrationData data;
        try {
            data = webAuthn.parseRegistrationResponseJSON(credentialJson);
        } catch (RuntimeException malformed) { // webauthn4j's DataConversionException, and Jackson 3's own (unchecked) ones
            throw BadRequestException.field("credential", "is not a WebAuthn registration response");
        }
        Challenge challenge = data.getCollectedClientData() == null ? null : data.getCollectedClientData().getChallenge();
        if (challenge == null || !repository.spendChallenge(SecretDigests.sha256Hex(encode(challenge.getValue())),
                PasskeyRepository.REGISTRATION, account.userId(), clock.instant())) {
            throw BadRequestException.field("credential", "answers no registration of yours that is still open; start again");
        }
        try {
            webAuthn.verify(data, new RegistrationParameters(serverProperty(challenge), ALGORITHMS, true, true));
        } catch (VerificationException refused) {
            LOG.infof("Passkey registration refused for user %s: %s", account.userId(), refused.getClass().getSimpleName());
            throw BadRequestException.field("credential", "was not accepted (" + reason(refused) + ")");
        }
        if (repository.ofUser(account.userId()).size() >= MAX_PER_USER) {
            throw new ConflictException("You have " + MAX_PER_USER + " passkeys; remove one first.");
        }
        AttestedCredentialData credential = data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData();
        Passkey passkey = new Passkey(UUID.randomUUID().toString(), encode(credential.getCredentialId()), account.userId(),
                name.strip(), credentialConverter.convert(credential),
                data.getAttestationObject().getAuthenticatorData().getSignCount(), false, clock.instant(), null);
        if (!repository.put(passkey)) {
            throw new ConflictException("This passkey is registered already.");
        }
        return View.of(passkey);
    }

    public List<View> list(String userId) {
        return repository.ofUser(userId).stream().map(View::of).toList();
    }

    public int count(String userId) {
        return repository.ofUser(userId).size();
    }

    /** Removes one of the user's passkeys; someone else's or an unknown id is a 404. */
    public void delete(String userId, String passkeyId) {
        Passkey passkey = repository.ofUser(userId).stream().filter(p -> p.passkeyId().equals(passkeyId)).findFirst()
                .orElseThrow(() -> new NotFoundException("No such passkey."));
        if (!repository.delete(passkey)) {
            throw new NotFoundException("No such passkey.");
        }
    }

    // --- login ---

    public RequestOptions loginOptions() {
        return new RequestOptions(newChallenge(PasskeyRepository.LOGIN, null), config.webauthn().rpId(),
                config.webauthn().challengeLifetime().toMillis(), "required", List.of());
    }

    /**
     * Verifies an assertion against an open login challenge and the stored passkey, and records its
     * signature counter. Returns the passkey's user id; throws {@link PasskeyRefusedException} otherwise.
     * A counter that did not grow (unless the authenticator keeps none) flags the passkey: a clone.
     */
    public String login(String credentialJson) {
        AuthenticationData data;
        try {
            data = webAuthn.parseAuthenticationResponseJSON(credentialJson);
        } catch (RuntimeException malformed) { // webauthn4j's DataConversionException, and Jackson 3's own (unchecked) ones
            throw new PasskeyRefusedException("malformed");
        }
        Challenge challenge = data.getCollectedClientData() == null ? null : data.getCollectedClientData().getChallenge();
        if (challenge == null || data.getCredentialId() == null || !repository.spendChallenge(
                SecretDigests.sha256Hex(encode(challenge.getValue())), PasskeyRepository.LOGIN, null, clock.instant())) {
            throw new PasskeyRefusedException("no open challenge");
        }
        Passkey passkey = repository.findByCredentialId(encode(data.getCredentialId()))
                .orElseThrow(() -> new PasskeyRefusedException("unknown credential"));
        if (passkey.flagged()) {
            throw new PasskeyRefusedException("flagged credential");
        }
        if (data.getUserHandle() != null && !encode(data.getUserHandle()).equals(userHandle(passkey.userId()))) {
            throw new PasskeyRefusedException("user handle mismatch");
        }
        AttestedCredentialData stored = credentialConverter.convert(passkey.attestedCredentialData());
        CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), null, null, null,
                passkey.signCount(), stored, null, null, null, null);
        try {
            webAuthn.verify(data, new AuthenticationParameters(serverProperty(challenge), record,
                    List.of(data.getCredentialId()), true, true));
        } catch (MaliciousCounterValueException cloned) {
            repository.flag(passkey, clock.instant());
            LOG.warnf("Passkey %s of user %s presented a signature counter that did not grow; flagged", passkey.passkeyId(),
                    passkey.userId());
            throw new PasskeyRefusedException("counter regression");
        } catch (VerificationException refused) {
            LOG.infof("Passkey login refused for passkey %s: %s", passkey.passkeyId(), refused.getClass().getSimpleName());
            throw new PasskeyRefusedException(reason(refused));
        }
        if (!repository.recordUse(passkey, data.getAuthenticatorData().getSignCount(), clock.instant())) {
            throw new PasskeyRefusedException("counter raced");
        }
        return passkey.userId();
    }

    private String newChallenge(String purpose, String userId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String challenge = encode(bytes);
        Instant now = clock.instant();
        repository.putChallenge(SecretDigests.sha256Hex(challenge), purpose, userId, now.plus(config.webauthn().challengeLifetime()));
        return challenge;
    }

    private ServerProperty serverProperty(Challenge challenge) {
        return ServerProperty.builder().origins(origins).rpId(config.webauthn().rpId()).challenge(challenge).build();
    }

    /** The WebAuthn user handle: the user id's bytes, no personal data. */
    static String userHandle(String userId) {
        return encode(userId.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A short reason without any of the request's values (no challenge or origin echoed). */
    private static String reason(VerificationException refused) {
        String kind = refused.getClass().getSimpleName().replace("Exception", "");
        return switch (kind) {
            case "BadOrigin" -> "wrong origin";
            case "BadRpId" -> "wrong relying party";
            case "BadChallenge" -> "wrong challenge";
            case "BadSignature" -> "bad signature";
            case "UserNotVerified" -> "the user was not verified";
            case "UserNotPresent" -> "the user was not present";
            default -> "verification failed";
        };
    }

}

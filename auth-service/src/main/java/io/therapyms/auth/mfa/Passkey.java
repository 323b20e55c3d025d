package io.therapyms.auth.mfa;

import java.time.Instant;

/**
 * A registered passkey: the credential's id and its public key (webauthn4j's attested credential data),
 * the signature counter last seen, and whether a counter that went backwards flagged it as cloned.
 */
public record Passkey(String passkeyId, String credentialId, String userId, String name, byte[] attestedCredentialData,
        long signCount, boolean flagged, Instant createdAt, Instant lastUsedAt) {
}

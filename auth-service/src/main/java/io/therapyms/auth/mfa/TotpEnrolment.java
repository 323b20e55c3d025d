package io.therapyms.auth.mfa;

/**
 * A user's authenticator app: pending between setup and confirm, then active. {@code setupId} tells a
 * confirm which setup it checked the code against; {@code lastUsedStep} is the newest time step whose
 * code was accepted, so a code is good once.
 */
record TotpEnrolment(String userId, String encryptedSecret, boolean active, String setupId, long lastUsedStep) {
}

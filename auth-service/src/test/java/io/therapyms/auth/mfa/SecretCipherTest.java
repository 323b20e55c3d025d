package io.therapyms.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void prodRefusesToStartWithoutAKey() {
        assertThatThrownBy(() -> SecretCipher.fromConfig(Optional.empty(), List.of("prod")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("MFA_ENCRYPTION_KEY");
        assertThatThrownBy(() -> SecretCipher.fromConfig(Optional.of("  "), List.of("prod")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("MFA_ENCRYPTION_KEY");
    }

    @Test
    void prodRefusesThePublishedTestKeyWhichTheOtherProfilesAccept() {
        assertThatThrownBy(() -> SecretCipher.fromConfig(Optional.of(SecretCipher.TEST_KEY), List.of("prod")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("test key");
        assertThat(SecretCipher.fromConfig(Optional.of(SecretCipher.TEST_KEY), List.of("test"))).isNotNull();
    }

    @Test
    void refusesKeysThatAreNot32BytesOfBase64() {
        assertThatThrownBy(() -> SecretCipher.fromConfig(Optional.of("not base64!"), List.of("prod")))
                .hasMessageContaining("MFA_ENCRYPTION_KEY");
        assertThatThrownBy(() -> SecretCipher.fromConfig(Optional.of(Base64.getEncoder().encodeToString(new byte[16])),
                List.of("prod"))).hasMessageContaining("32 bytes");
    }

    @Test
    void encryptsWithAFreshNonceAndBindsTheCiphertextToItsUser() {
        SecretCipher cipher = SecretCipher.fromConfig(Optional.of(KEY), List.of("prod"));
        byte[] secret = "a totp secret".getBytes(StandardCharsets.UTF_8);
        String once = cipher.encrypt(secret, "user-1");
        String twice = cipher.encrypt(secret, "user-1");

        assertThat(once).isNotEqualTo(twice);
        assertThat(new String(Base64.getDecoder().decode(once), StandardCharsets.ISO_8859_1)).doesNotContain("a totp secret");
        assertThat(cipher.decrypt(once, "user-1")).isEqualTo(secret);
        assertThatThrownBy(() -> cipher.decrypt(once, "user-2")).isInstanceOf(IllegalStateException.class);
        SecretCipher otherKey = SecretCipher.fromConfig(Optional.of(SecretCipher.TEST_KEY), List.of("test"));
        assertThatThrownBy(() -> otherKey.decrypt(once, "user-1")).isInstanceOf(IllegalStateException.class);
    }
}

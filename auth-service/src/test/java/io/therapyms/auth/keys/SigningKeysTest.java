package io.therapyms.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.therapyms.auth.config.AuthConfig;
import io.therapyms.devstack.TestTokens;

class SigningKeysTest {

    @Test
    void refusesToStartWithoutASigningKey() {
        assertThatThrownBy(() -> new SigningKeys(configWithKey(Optional.empty())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JWT_PRIVATE_KEY");
    }

    @Test
    void publishesOnlyThePublicHalfOfTheConfiguredKey() {
        SigningKeys keys = new SigningKeys(configWithKey(Optional.of(TestTokens.PRIVATE_KEY_LOCATION)));
        assertThat(keys.publicJwk()).containsKeys("kty", "kid", "n", "e").doesNotContainKeys("d", "p", "q");
        assertThat(keys.publicJwk().get("kid")).isEqualTo(keys.keyId());
    }

    @Test
    void aMissingKeyFileIsNamedWithHowToMakeOne(@TempDir Path dir) {
        String location = dir.resolve("jwt-private.pem").toString();
        assertThatThrownBy(() -> new SigningKeys(configWithKey(Optional.of(location))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JWT_PRIVATE_KEY").hasMessageContaining(location)
                .hasMessageContaining("devstack/containers/make-keys");
    }

    @Test
    void keyLocationsThatAreNoFilesAreLeftToTheKeyReader() {
        assertThat(SigningKeys.missingKeyFile("classpath:keys/x.pem")).isEmpty();
        assertThat(SigningKeys.missingKeyFile("https://keys.example/private.pem")).isEmpty();
        assertThat(SigningKeys.missingKeyFile("file:/no/such/key.pem")).isPresent();
    }

    /** Only signingKey() is read by SigningKeys. */
    private static AuthConfig configWithKey(Optional<String> location) {
        return (AuthConfig) Proxy.newProxyInstance(AuthConfig.class.getClassLoader(), new Class<?>[] { AuthConfig.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("signingKey")) {
                        return location;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}

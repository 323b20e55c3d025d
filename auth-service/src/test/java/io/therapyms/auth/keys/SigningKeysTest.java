package io.therapyms.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Optional;

import org.junit.jupiter.api.Test;

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

package io.therapyms.auth.passwords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.therapyms.platform.errors.BadRequestException;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void shipsAtLeastTenThousandCommonPasswords() {
        assertThat(policy.size()).isGreaterThanOrEqualTo(10_000);
    }

    @Test
    void recognisesCommonPasswordsAndTheirDecoratedForms() {
        assertThat(policy.isCommon("password")).isTrue();
        assertThat(policy.isCommon("PASSWORD")).isTrue();
        assertThat(policy.isCommon("password123456")).isTrue();
        assertThat(policy.isCommon("dragon!!2024")).isTrue();
        assertThat(policy.isCommon("violet kitchen tram 42")).isFalse();
    }

    @Test
    void countsCharactersNotBytes() {
        assertThatCode(() -> policy.check("password", "ü".repeat(128), "a@b.c")).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check("password", "ü".repeat(129), "a@b.c")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> policy.check("password", "ü".repeat(11), "a@b.c")).isInstanceOf(BadRequestException.class);
    }

    @Test
    void refusesTheEmailAsPassword() {
        assertThatThrownBy(() -> policy.check("password", "Some.One@Example.org", "some.one@example.org"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("email");
    }
}

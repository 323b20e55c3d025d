package io.therapyms.auth.passwords;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher("pepper", 4, new HashingPool(1, 4));

    @Test
    void verifiesTheWholePasswordNotOnlyItsFirst72Bytes() {
        String prefix = "x".repeat(72);
        String hash = hasher.hash(prefix + "tail-one");
        assertThat(hasher.matches(prefix + "tail-one", hash)).isTrue();
        assertThat(hasher.matches(prefix + "tail-two", hash)).isFalse();
        assertThat(hasher.matches(prefix, hash)).isFalse();
    }

    @Test
    void neverMatchesForAnUnknownAccount() {
        assertThat(hasher.matchesNothing("anything at all")).isFalse();
    }
}

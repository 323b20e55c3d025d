package io.therapyms.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.jwt.util.KeyUtils;

class LocalKeysTest {

    @TempDir
    Path tempDir;

    @Test
    void createsAKeyPairReadableOnlyByTheOwner() throws Exception {
        LocalKeys keys = LocalKeys.ensure(tempDir.resolve("keys"));

        assertThat(Files.getPosixFilePermissions(keys.privateKey()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(KeyUtils.decodePrivateKey(Files.readString(keys.privateKey())).getAlgorithm()).isEqualTo("RSA");
        assertThat(KeyUtils.decodePublicKey(Files.readString(keys.publicKey())).getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void keepsTheKeyPairOfEarlierRuns() throws Exception {
        LocalKeys first = LocalKeys.ensure(tempDir.resolve("keys"));
        String privateKey = Files.readString(first.privateKey());

        LocalKeys second = LocalKeys.ensure(tempDir.resolve("keys"));

        assertThat(Files.readString(second.privateKey())).isEqualTo(privateKey);
    }
}

package io.therapyms.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The container images must run with the JVM options ./run uses (issue #19): one list, checked against them. */
class JvmOptionsTest {

    private final Path repoRoot = RepoRoot.find();

    @Test
    void everyApplicationImageRunsWithTheStacksOptions() throws IOException {
        for (Apps app : Apps.values()) {
            String expected = "ENV JAVA_OPTS=\"" + String.join(" ", JvmOptions.defaults(app)) + "\"";
            Path dockerfile = repoRoot.resolve(app.module()).resolve("src/main/docker/Dockerfile.jvm");
            assertThat(Files.readString(dockerfile)).as(dockerfile.toString()).contains(expected);
        }
    }

    @Test
    void onlyAuthServiceRunsWithC2AndOtherwiseLikeTheOthers() {
        for (Apps app : Apps.values()) {
            assertThat(JvmOptions.defaults(app).contains(JvmOptions.C1_ONLY)).as(app.module())
                    .isEqualTo(app != Apps.AUTH_SERVICE);
        }
        assertThat(JvmOptions.AUTH_SERVICE).containsExactlyElementsOf(JvmOptions.APPLICATION.stream()
                .filter(option -> !option.equals(JvmOptions.C1_ONLY)).toList());
        assertThat(JvmOptions.application(Apps.AUTH_SERVICE)).doesNotContain(JvmOptions.C1_ONLY);
    }

    @Test
    void theBrokerImageRunsWithTheStacksOptionsAndProperties() throws IOException {
        Path containers = repoRoot.resolve("devstack/containers");
        assertThat(Files.readString(containers.resolve("kafka/Dockerfile")))
                .contains("JAVA_OPTS=\"" + String.join(" ", JvmOptions.KAFKA) + "\"");
        assertThat(Files.readAllLines(containers.resolve("kafka/server.properties")))
                .containsAll(JvmOptions.KAFKA_PROPERTIES);
    }

    @Test
    void composeDefaultsToTheSameOptions() throws IOException {
        String compose = Files.readString(repoRoot.resolve("devstack/containers/compose-base.yml"));

        assertThat(compose).contains("${JAVA_OPTS:-" + String.join(" ", JvmOptions.APPLICATION) + "}")
                .contains("${JAVA_OPTS:-" + String.join(" ", JvmOptions.AUTH_SERVICE) + "}")
                .contains("${KAFKA_JAVA_OPTS:-" + String.join(" ", JvmOptions.KAFKA) + "}")
                .doesNotContain("${JAVA_OPTS:--Xmx");
    }

    @Test
    void namesTheVariableOfOneApplicationAfterItsModule() {
        assertThat(JvmOptions.variableName(Apps.JOURNAL_SERVICE)).isEqualTo("JOURNAL_SERVICE");
        assertThat(JvmOptions.variableName(Apps.GATEWAY)).isEqualTo("GATEWAY");
    }
}

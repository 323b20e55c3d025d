package io.therapyms.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.StartupEvent;

/** Credentials are allowed cross-origin, so the gateway must refuse to start with {@code *} as an origin. */
class CorsGuardTest {

    private final CorsGuard guard = new CorsGuard();

    @Test
    void refusesAWildcardOriginAloneAmongOthersOrPadded() {
        for (List<String> origins : List.of(List.of("*"), List.of("https://app.example.org", "*"), List.of(" * "))) {
            assertThatThrownBy(() -> guard.check(null, Optional.of(origins)))
                    .as("%s", origins)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("CORS_ORIGINS")
                    .hasMessageContaining("'*' is not allowed");
        }
    }

    @Test
    void acceptsExplicitOriginsAndNone() {
        assertThatCode(() -> guard.check(null, Optional.of(List.of("https://app.example.org", "http://localhost:3000"))))
                .doesNotThrowAnyException();
        assertThatCode(() -> guard.check(null, Optional.empty())).doesNotThrowAnyException();
    }

    @Test
    void runsAtStartUpOnTheSettingThatCorsOriginsSets() throws Exception {
        Method check = CorsGuard.class.getDeclaredMethod("check", StartupEvent.class, Optional.class);
        assertThat(check.getParameters()[0].isAnnotationPresent(Observes.class)).isTrue();
        String key = check.getParameters()[1].getAnnotation(ConfigProperty.class).name();

        Properties application = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            application.load(in);
        }
        assertThat(application.getProperty(key)).startsWith("${CORS_ORIGINS:");
    }
}

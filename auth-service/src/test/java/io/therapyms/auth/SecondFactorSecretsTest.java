package io.therapyms.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.therapyms.devstack.DevStackResource;

/**
 * No TOTP secret, code, recovery code or mfaToken, and no passkey challenge or credential, reaches the log,
 * on success or failure paths.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class SecondFactorSecretsTest {

    /** Every record the service logs while the test runs, formatted with its parameters and stack trace. */
    static final class Capture extends Handler {
        final List<String> lines = new ArrayList<>();
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public synchronized void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(record.getLoggerName() + " " + formatter.formatMessage(record));
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(' ').append(trace);
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void noSecretOrCodeIsLogged() {
        Capture capture = new Capture();
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        List<String> secrets = new ArrayList<>();
        try {
            org.jboss.logging.Logger.getLogger(SecondFactorSecretsTest.class).info("capture check");
            MfaApi.Enrolled enrolled = MfaApi.enrolledUser("therapist");
            secrets.add(enrolled.secret());
            secrets.addAll(enrolled.recoveryCodes());
            String mfaToken = MfaApi.mfaToken(enrolled.user());
            secrets.add(mfaToken);
            String wrong = enrolled.app().wrongCode();
            MfaApi.secondStep(mfaToken, wrong, null).then().statusCode(401);
            String code = enrolled.app().nextCode();
            secrets.add(code);
            String access = MfaApi.secondStep(mfaToken, code, null).then().statusCode(200).extract().path("accessToken");
            MfaApi.secondStep(mfaToken, code, null).then().statusCode(401); // replay
            MfaApi.secondStep(MfaApi.mfaToken(enrolled.user()), null, enrolled.recoveryCodes().get(0)).then().statusCode(200);
            MfaApi.secondStep(MfaApi.mfaToken(enrolled.user()), null, enrolled.recoveryCodes().get(0)).then().statusCode(401);
            given().contentType(ContentType.JSON).body("{\"mfaToken\": \"" + mfaToken + "\", \"code\": \"" + code + "\", \"x\": 1}")
                    .post("/api/login/mfa").then().statusCode(400); // an unknown field: the body is echoed nowhere
            MfaApi.remove("Bearer " + access, enrolled.user().password(), null, enrolled.recoveryCodes().get(1))
                    .then().statusCode(204);
        } finally {
            root.removeHandler(capture);
        }
        String log = String.join("\n", capture.lines);
        assertThat(log).contains("capture check"); // the capture sees what the application logs
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
        }
    }

    @Test
    void noPasskeyChallengeOrCredentialIsLogged() {
        Capture capture = new Capture();
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        List<String> secrets = new ArrayList<>();
        try {
            org.jboss.logging.Logger.getLogger(SecondFactorSecretsTest.class).info("capture check");
            AuthApi.User user = AuthApi.newUser("therapist");
            String bearer = AuthApi.loginOk(user).bearer();
            io.therapyms.auth.support.SoftAuthenticator authenticator = new io.therapyms.auth.support.SoftAuthenticator();
            String registration = PasskeyApi.registrationOptions(bearer).path("challenge");
            secrets.add(registration);
            secrets.add(authenticator.credentialId());
            PasskeyApi.register(bearer, "Laptop", authenticator.create(registration, "https://evil.example", "localhost", true))
                    .then().statusCode(400);
            String second = PasskeyApi.registrationOptions(bearer).path("challenge");
            secrets.add(second);
            String userHandle = PasskeyApi.registrationOptions(bearer).path("user.id");
            PasskeyApi.register(bearer, "Laptop", authenticator.create(second)).then().statusCode(201);
            String login = PasskeyApi.loginChallenge();
            secrets.add(login);
            PasskeyApi.login(authenticator.get(login, userHandle)).then().statusCode(200);
            PasskeyApi.login(authenticator.get(login, userHandle)).then().statusCode(401); // replay
            String clone = PasskeyApi.loginChallenge();
            secrets.add(clone);
            PasskeyApi.login(authenticator.get(clone, userHandle, io.therapyms.auth.support.SoftAuthenticator.ORIGIN,
                    io.therapyms.auth.support.SoftAuthenticator.RP_ID, 1)).then().statusCode(401); // counter regression
        } finally {
            root.removeHandler(capture);
        }
        String log = String.join("\n", capture.lines);
        assertThat(log).contains("capture check").contains("flagged");
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
        }
    }
}

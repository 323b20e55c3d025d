package io.therapyms.auth;

import static io.restassured.RestAssured.given;
import static io.therapyms.auth.AuthApi.PASSWORD;
import static io.therapyms.auth.AuthApi.freshEmail;
import static io.therapyms.auth.AuthApi.signup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.therapyms.devstack.DevStackResource;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class SignupTest {

    @Test
    void createsAnAccountAndNormalisesTheEmail() {
        String email = freshEmail();
        signup(email.toUpperCase(Locale.ROOT), PASSWORD, "therapist")
                .then().statusCode(201)
                .body("userId", notNullValue())
                .body("email", equalTo(email))
                .body("role", equalTo("therapist"));
    }

    @Test
    void refusesASecondAccountForTheSameEmailInAnyCase() {
        String email = freshEmail();
        signup(email, PASSWORD, "client").then().statusCode(201);
        signup(email.toUpperCase(Locale.ROOT), PASSWORD, "therapist").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void concurrentSignupsWithOneEmailCreateOneAccount() throws Exception {
        String email = freshEmail();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String variant = i % 2 == 0 ? email : email.toUpperCase(Locale.ROOT);
                attempts.add(() -> signup(variant, PASSWORD, "client").statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(attempts)) {
                statuses.add(result.get());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesTheAdminRoleAndUnknownRoles() {
        signup(freshEmail(), PASSWORD, "admin").then().statusCode(400).body("errors.field", hasItem("role"));
        signup(freshEmail(), PASSWORD, "root").then().statusCode(400);
    }

    @Test
    void refusesFieldsTheCallerMayNotSet() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", freshEmail(), "password", PASSWORD, "role", "client", "name", "A", "userId", "x"))
                .post("/api/signup")
                .then().statusCode(400).body("errors[0].field", equalTo("userId"));
    }

    @Test
    void acceptsTwelveToOneHundredTwentyEightCharactersAndRefusesOneMoreOrOneLess() {
        // Each boundary is a pair built the same way, so the API's answers prove where it lies,
        // whatever this test's own counting says.
        String longest = "x1".repeat(64);
        signup(freshEmail(), longest, "client").then().statusCode(201);
        refusedForLength(longest + "y");
        String shortest = "kq7-mzt-wr4p";
        signup(freshEmail(), shortest, "client").then().statusCode(201);
        refusedForLength(shortest.substring(1));
    }

    @Test
    void countsMultiByteCharactersAsOneCharacterEach() {
        // 😀 is 4 bytes in UTF-8 and 2 UTF-16 units in Java; counted as bytes or units, 128 of
        // them would be refused and 11 accepted.
        String longest = "😀".repeat(121) + "ünïcødé";
        String email = freshEmail();
        signup(email, longest, "client").then().statusCode(201);
        AuthApi.login(email, longest).then().statusCode(200);
        refusedForLength(longest + "😀");
        signup(freshEmail(), "😀".repeat(12), "client").then().statusCode(201);
        refusedForLength("😀".repeat(11));
        signup(freshEmail(), "ß".repeat(128), "therapist").then().statusCode(201);
        refusedForLength("ß".repeat(129));
    }

    private static void refusedForLength(String password) {
        signup(freshEmail(), password, "client").then().statusCode(400)
                .body("errors[0].field", equalTo("password")).body("errors[0].message", containsString("12 to 128"));
    }

    @Test
    void refusesCommonPasswordsWithAReason() {
        signup(freshEmail(), "1qaz2wsx3edc", "client").then().statusCode(400)
                .body("errors[0].message", containsString("commonly used"));
        signup(freshEmail(), "password123456", "client").then().statusCode(400)
                .body("errors[0].message", containsString("commonly used"));
    }

    @Test
    void refusesThePasswordBeingTheEmail() {
        String email = freshEmail();
        signup(email, email.toUpperCase(Locale.ROOT), "client").then().statusCode(400)
                .body("errors[0].message", containsString("email"));
    }

    @Test
    void passwordsSharingTheFirst72BytesAreDifferentPasswords() {
        String email = freshEmail();
        String prefix = "a-very-long-passphrase-".repeat(4); // 92 bytes
        signup(email, prefix + "one", "client").then().statusCode(201);
        AuthApi.login(email, prefix + "one").then().statusCode(200);
        AuthApi.login(email, prefix + "two").then().statusCode(401);
        AuthApi.login(email, prefix.substring(0, 72)).then().statusCode(401);
    }

    @Test
    void refusesInvalidEmailsAndNames() {
        signup("not-an-email", PASSWORD, "client").then().statusCode(400).body("errors.field", hasItem("email"));
        given().contentType(ContentType.JSON)
                .body(Map.of("email", freshEmail(), "password", PASSWORD, "role", "client", "name", "n".repeat(201)))
                .post("/api/signup").then().statusCode(400).body("errors.field", hasItem("name"));
    }

    @Test
    void refusesAnAddressTheEventSchemaWouldRefuseInsteadOfFailingOnThePublish() {
        // Bean Validation's @Email takes "someone@localhost"; UserRegistered's schema does not: 400, not 500.
        signup("user-" + UUID.randomUUID() + "@localhost", PASSWORD, "client").then().statusCode(400)
                .body("errors.field", hasItem("email"));
    }

    @Test
    void acceptsADomainUnderATopLevelDomainOutsideAnyList() {
        // Found by the system tests' fuzzer: ".local" was refused by the schema library's TLD list → 500.
        signup("probe-" + UUID.randomUUID() + "@system-tests.local", PASSWORD, "client").then().statusCode(201);
    }
}

package io.therapyms.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class OpenApiTest {

    @Test
    void documentsEveryEndpointWithItsErrors() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/signup"))
                .body("paths", hasKey("/api/login"))
                .body("paths", hasKey("/api/auth/refresh"))
                .body("paths", hasKey("/api/auth/logout"))
                .body("paths", hasKey("/api/auth/password"))
                .body("paths", hasKey("/api/auth/me"))
                .body("paths", hasKey("/api/admin/users/{userId}/deactivate"))
                .body("paths", hasKey("/.well-known/jwks.json"))
                .body("paths.'/api/login'.post.responses", hasKey("429"))
                .body("paths.'/api/signup'.post.responses", hasKey("409"))
                .body("components.securitySchemes", hasKey("bearerAuth"));
    }
}

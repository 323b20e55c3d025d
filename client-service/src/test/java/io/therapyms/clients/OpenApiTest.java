package io.therapyms.clients;

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
                .body("paths", hasKey("/api/clients"))
                .body("paths", hasKey("/api/clients/{clientId}"))
                .body("paths", hasKey("/api/clients/{clientId}/therapists"))
                .body("paths.'/api/clients'.post.responses", hasKey("409"))
                .body("paths.'/api/clients'.get.responses", hasKey("400"))
                .body("paths.'/api/clients/{clientId}'.get.responses", hasKey("404"))
                .body("paths.'/api/clients/{clientId}'.put.responses", hasKey("403"))
                .body("paths.'/api/clients/{clientId}'.delete.responses", hasKey("204"))
                .body("components.securitySchemes", hasKey("bearerAuth"));
    }
}

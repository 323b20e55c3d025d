package io.therapyms.therapists;

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
                .body("paths", hasKey("/api/therapists"))
                .body("paths", hasKey("/api/therapists/{therapistId}"))
                .body("paths", hasKey("/api/therapists/{therapistId}/verification"))
                .body("paths", hasKey("/api/therapists/{therapistId}/clients"))
                .body("paths", hasKey("/api/mapping-requests"))
                .body("paths", hasKey("/api/mapping-requests/{mappingRequestId}"))
                .body("paths", hasKey("/api/mappings/{clientId}/{therapistId}"))
                .body("paths.'/api/mapping-requests'.post.responses", hasKey("409"))
                .body("paths.'/api/mapping-requests/{mappingRequestId}'.put.responses", hasKey("403"))
                .body("paths.'/api/therapists'.post.responses", hasKey("409"))
                .body("components.securitySchemes", hasKey("bearerAuth"));
    }
}

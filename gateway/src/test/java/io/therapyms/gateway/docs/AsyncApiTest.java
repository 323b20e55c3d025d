package io.therapyms.gateway.docs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.events.EventCatalog;
import io.therapyms.events.EventDescriptor;
import io.therapyms.events.Topics;
import io.therapyms.gateway.testing.FakeBackends;

/** The event contract beside the REST one: the generated AsyncAPI document and its page, self-contained. */
@QuarkusTest
@WithTestResource(FakeBackends.class)
class AsyncApiTest {

    @Test
    void servesTheGeneratedAsyncApiDocument() {
        given().get("/api-docs/asyncapi.json").then().statusCode(200)
                .contentType("application/json")
                .body("asyncapi", equalTo("3.0.0"))
                .body("channels.size()", equalTo(Topics.ALL.size()))
                .body("components.messages.size()", equalTo(EventCatalog.all().size()));
    }

    @Test
    void rendersEveryTopicAndTypeOnAPageThatLoadsNothingFromElsewhere() {
        var response = given().get("/api-docs/asyncapi").then().statusCode(200).contentType("text/html").extract();
        String page = response.asString();

        assertThat(response.header("Content-Security-Policy")).startsWith("default-src 'none'");
        Topics.ALL.forEach(topic -> assertThat(page).contains("<h2>" + topic + "</h2>"));
        EventCatalog.all().stream().map(EventDescriptor::type).forEach(type -> assertThat(page).contains(type));
        assertThat(page).doesNotContain("<script", "<link", "http://", "https://", "style=");
    }
}

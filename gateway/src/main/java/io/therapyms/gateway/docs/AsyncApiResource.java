package io.therapyms.gateway.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.therapyms.events.asyncapi.AsyncApiDocument;

/**
 * The event contract for outside consumers: {@code GET /api-docs/asyncapi.json}, the AsyncAPI 3.0 document the
 * events module generates at build time, and {@code GET /api-docs/asyncapi}, the same as a plain page rendered
 * here (no script, no third-party asset, so it needs nothing but its own HTML under a strict CSP).
 */
@Path("/api-docs/asyncapi.json")
public class AsyncApiResource {

    /** Nothing to load: the page is one self-contained HTML document. */
    static final String PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String document;
    private final String page;

    AsyncApiResource() {
        try (InputStream in = AsyncApiResource.class.getClassLoader().getResourceAsStream(AsyncApiDocument.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(AsyncApiDocument.RESOURCE + " is missing: build the events module");
            }
            JsonNode doc = JSON.readTree(in);
            document = JSON.writeValueAsString(doc);
            page = render(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String asyncApi() {
        return document;
    }

    /** The page, on its own path: a resource class at {@code /api-docs} itself would hide Swagger UI there. */
    @Path("/api-docs/asyncapi")
    public static class Page {

        private final AsyncApiResource resource;

        Page(AsyncApiResource resource) {
            this.resource = resource;
        }

        @GET
        @Produces(MediaType.TEXT_HTML)
        public Response asyncApiPage() {
            return Response.ok(resource.page).header("Content-Security-Policy", PAGE_CSP).build();
        }
    }

    static String render(JsonNode doc) {
        StringBuilder html = new StringBuilder(64 * 1024);
        String title = doc.path("info").path("title").asText();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title></head>\n<body>\n<h1>").append(escape(title))
                .append(" <small>(AsyncAPI ").append(escape(doc.path("asyncapi").asText())).append(")</small></h1>\n<p>")
                .append(escape(doc.path("info").path("description").asText()))
                .append("</p>\n<p><a href=\"/api-docs/asyncapi.json\">The AsyncAPI document (JSON)</a> · ")
                .append("<a href=\"/api-docs\">The REST API (Swagger UI)</a></p>\n<nav><ul>\n");
        doc.path("channels").forEach(channel -> html.append("<li><a href=\"#").append(escape(channel.path("address").asText()))
                .append("\">").append(escape(channel.path("address").asText())).append("</a></li>\n"));
        html.append("</ul></nav>\n");
        JsonNode messages = doc.path("components").path("messages");
        doc.path("channels").forEach(channel -> {
            String topic = channel.path("address").asText();
            html.append("<section id=\"").append(escape(topic)).append("\">\n<h2>").append(escape(topic)).append("</h2>\n<p>")
                    .append(escape(channel.path("description").asText())).append("</p>\n");
            for (Iterator<String> it = channel.path("messages").fieldNames(); it.hasNext();) {
                JsonNode message = messages.path(it.next());
                html.append("<h3 id=\"").append(escape(message.path("name").asText())).append("\">")
                        .append(escape(message.path("name").asText())).append("</h3>\n<p>")
                        .append(escape(message.path("summary").asText())).append("</p>\n");
                appendDataFields(html, message);
                html.append("<details><summary>Example</summary><pre>")
                        .append(escape(message.path("examples").path(0).path("payload").toPrettyString()))
                        .append("</pre></details>\n");
            }
            html.append("</section>\n");
        });
        return html.append("</body>\n</html>\n").toString();
    }

    /** The {@code data} fields of a message, from the part of its payload schema that is its own. */
    private static void appendDataFields(StringBuilder html, JsonNode message) {
        JsonNode data = message.path("payload").path("allOf").path(1).path("properties").path("data");
        JsonNode required = data.path("required");
        html.append("<table>\n<thead><tr><th>data field</th><th>type</th><th>required</th></tr></thead>\n<tbody>\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = data.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            boolean isRequired = false;
            for (JsonNode name : required) {
                isRequired |= name.asText().equals(field.getKey());
            }
            html.append("<tr><td><code>").append(escape(field.getKey())).append("</code></td><td>")
                    .append(escape(typeOf(field.getValue()))).append("</td><td>").append(isRequired ? "yes" : "no")
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static String typeOf(JsonNode schema) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            return ref.substring(ref.lastIndexOf('/') + 1);
        }
        if (schema.has("enum")) {
            return "one of " + schema.get("enum");
        }
        if (schema.path("type").asText().equals("array")) {
            return "array of " + typeOf(schema.path("items"));
        }
        return schema.path("type").asText(schema.toString());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

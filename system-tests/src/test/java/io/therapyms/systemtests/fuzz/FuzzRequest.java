package io.therapyms.systemtests.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One generated request: what to send, and the operation it was made from (for the report). */
public record FuzzRequest(String operation, String method, String pathAndQuery, Map<String, String> headers,
        byte[] body) {

    /** A short description for the log: method, path (cut), body (cut). */
    public String describe() {
        String bodyText = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        return method + " " + cut(pathAndQuery, 300) + " " + headers.keySet() + " body(" + (body == null ? 0 : body.length)
                + " bytes)=" + cut(bodyText, 300);
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}

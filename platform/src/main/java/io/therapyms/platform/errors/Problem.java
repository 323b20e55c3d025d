package io.therapyms.platform.errors;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document, the only error body any service returns. {@code detail} is written
 * for the API user; it never carries exception classes, stack traces or store messages.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://therapyms.io/problems/";

    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null);
    }

    public static Problem validation(String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + "validation", "Invalid request", 400, detail, errors);
    }
}

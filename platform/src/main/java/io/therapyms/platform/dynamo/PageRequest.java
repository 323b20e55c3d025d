package io.therapyms.platform.dynamo;

import io.therapyms.platform.errors.BadRequestException;

/**
 * The {@code ?limit=&cursor=} of a list endpoint: limit defaults to 50 and may not exceed 200.
 * Build it with {@link #of(String, String)} from the query parameters, read as text: a JAX-RS
 * {@code Integer} parameter that does not parse is a 404 by the spec, and the API promises 400.
 */
public record PageRequest(int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(String limit, String cursor) {
        Integer parsed = null;
        if (limit != null && !limit.isBlank()) {
            try {
                parsed = Integer.valueOf(limit.strip());
            } catch (NumberFormatException e) {
                throw BadRequestException.field("limit", "must be a whole number between 1 and " + MAX_LIMIT);
            }
        }
        return of(parsed, cursor);
    }

    public static PageRequest of(Integer limit, String cursor) {
        int effective = limit == null ? DEFAULT_LIMIT : limit;
        if (effective < 1 || effective > MAX_LIMIT) {
            throw BadRequestException.field("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(effective, cursor == null || cursor.isBlank() ? null : cursor);
    }
}

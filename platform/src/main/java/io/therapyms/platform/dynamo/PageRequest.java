package io.therapyms.platform.dynamo;

import io.therapyms.platform.errors.BadRequestException;

/**
 * The {@code ?limit=&cursor=} of a list endpoint: limit defaults to 50 and may not exceed 200.
 * Build it with {@link #of(Integer, String)} from the query parameters.
 */
public record PageRequest(int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(Integer limit, String cursor) {
        int effective = limit == null ? DEFAULT_LIMIT : limit;
        if (effective < 1 || effective > MAX_LIMIT) {
            throw BadRequestException.field("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(effective, cursor == null || cursor.isBlank() ? null : cursor);
    }
}

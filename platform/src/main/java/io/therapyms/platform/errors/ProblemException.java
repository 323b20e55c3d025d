package io.therapyms.platform.errors;

import java.util.List;

/**
 * Base of every domain exception that maps to an HTTP status. Services subclass the specific kinds
 * ({@link NotFoundException}, {@link ConflictException}, ...) with names that say what went wrong,
 * e.g. {@code SlotAlreadyBookedException extends ConflictException}; {@link ProblemExceptionMapper}
 * turns them into problem+json in one place.
 */
public abstract class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> fieldErrors;

    protected ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> fieldErrors) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.fieldErrors = fieldErrors == null ? null : List.copyOf(fieldErrors);
    }

    public Problem toProblem() {
        return new Problem(Problem.TYPE_BASE + slug, title, status, getMessage(), fieldErrors);
    }

    public int status() {
        return status;
    }
}

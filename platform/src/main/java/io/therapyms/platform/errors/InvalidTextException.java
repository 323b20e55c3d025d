package io.therapyms.platform.errors;

import java.util.List;

/** 400: a string holds a NUL character or a lone UTF-16 surrogate, which no field of the API accepts. */
public class InvalidTextException extends BadRequestException {

    public InvalidTextException(String field, String message) {
        super(field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }
}

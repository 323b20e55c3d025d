package io.therapyms.platform.errors;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.quarkus.security.AuthenticationFailedException;

/**
 * The one place where failures become HTTP responses. Every body is problem+json; details are
 * written for the API user and never include exception classes, stack traces or store messages.
 * Priorities are set below the built-in mappers' so these win for the same exception type.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final int PRIORITY = jakarta.ws.rs.Priorities.USER - 100;

    @ServerExceptionMapper(priority = PRIORITY)
    public Response problem(ProblemException e) {
        Response.ResponseBuilder response = respond(e.toProblem());
        if (e instanceof UnauthorizedException) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (e instanceof RetryLaterException later) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(later.retryAfterSeconds()));
        }
        return response.build();
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(Problem.validation("The request has invalid fields.", errors)).build();
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response unknownField(UnrecognizedPropertyException e) {
        String field = jsonPath(e);
        return respond(Problem.validation("Unknown or read-only field: " + field,
                List.of(new Problem.FieldError(field, "unknown or read-only field")))).build();
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response invalidValue(InvalidFormatException e) {
        return wrongType(e);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response mismatchedInput(MismatchedInputException e) {
        return wrongType(e);
    }

    /** A record's compact constructor rejected a value (e.g. {@link InvalidTextException}). */
    @ServerExceptionMapper(priority = PRIORITY)
    public Response instantiation(ValueInstantiationException e) {
        if (e.getCause() instanceof ProblemException problem) {
            return problem(problem);
        }
        String field = jsonPath(e);
        String message = e.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null
                ? iae.getMessage() : "invalid value";
        return respond(Problem.validation(field.isEmpty() ? message : field + ": " + message,
                field.isEmpty() ? null : List.of(new Problem.FieldError(field, message)))).build();
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response mapping(JsonMappingException e) {
        if (e.getCause() instanceof ProblemException problem) {
            return problem(problem);
        }
        return wrongType(e);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response malformedJson(JsonProcessingException e) {
        return respond(Problem.of(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON.")).build();
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response unauthorized(io.quarkus.security.UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return respond(Problem.of(403, "forbidden", "Forbidden", "You may not do this.")).build();
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internalError(e);
        }
        if (status == 400) {
            // The JSON body reader wraps Jackson's failures: answer as if they had been thrown directly.
            Response fromCause = fromBodyReadingCause(e.getCause());
            if (fromCause != null) {
                return fromCause;
            }
        }
        return respond(Problem.of(status, "http-" + status, statusTitle(status), statusDetail(status))).build();
    }

    @ServerExceptionMapper(priority = PRIORITY + 1)
    public Response unexpected(Throwable e) {
        return internalError(e);
    }

    private Response fromBodyReadingCause(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ProblemException problem) {
                return problem(problem);
            }
            if (t instanceof UnrecognizedPropertyException unknown) {
                return unknownField(unknown);
            }
            if (t instanceof ValueInstantiationException instantiation) {
                return instantiation(instantiation);
            }
            if (t instanceof JsonMappingException mapping && !(t.getCause() instanceof ProblemException)) {
                return wrongType(mapping);
            }
            if (t instanceof JsonProcessingException parse && !(t instanceof JsonMappingException)) {
                return malformedJson(parse);
            }
            if (t == t.getCause()) {
                break;
            }
        }
        return null;
    }

    private static Response internalError(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, incident %s", incident);
        return respond(Problem.of(500, "internal", "Internal error",
                "Something went wrong on our side. Incident " + incident + ".")).build();
    }

    private static Response unauthorized() {
        return respond(Problem.of(401, "unauthorized", "Unauthorized", "A valid bearer token is required."))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private static Response wrongType(JsonMappingException e) {
        String field = jsonPath(e);
        if (field.isEmpty()) {
            return respond(Problem.of(400, "malformed-json", "Malformed JSON", "The request body has the wrong shape.")).build();
        }
        return respond(Problem.validation(field + ": wrong type or format",
                List.of(new Problem.FieldError(field, "wrong type or format")))).build();
    }

    static Response.ResponseBuilder respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    /** "items[2].startTime" from Jackson's reference chain. */
    static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * The field as the API user sent it: "slots[0].startTime" for a body field, "limit" for a query
     * parameter; never the Java method or parameter name of a body.
     */
    static String fieldName(ConstraintViolation<?> violation) {
        String parameter = null;
        StringBuilder path = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.isInIterable() && path.length() > 0) {
                    path.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
                }
                if (node.getName() != null && !node.getName().startsWith("<")) {
                    if (path.length() > 0) {
                        path.append('.');
                    }
                    path.append(node.getName());
                }
            }
        }
        if (path.length() > 0) {
            return path.toString();
        }
        return parameter != null ? parameter : "";
    }

    private static String statusTitle(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "HTTP " + status;
    }

    private static String statusDetail(int status) {
        return switch (status) {
            case 401 -> "A valid bearer token is required.";
            case 404 -> "No such resource.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "This resource answers with application/json.";
            case 413 -> "The request body is larger than 1 MiB.";
            case 415 -> "The request body must be application/json.";
            default -> statusTitle(status) + ".";
        };
    }
}

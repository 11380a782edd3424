package dev.stranglerbookshop.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.stranglerbookshop.platform.input.TextPolicy;
import dev.stranglerbookshop.platform.input.JsonInputPolicy;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Every error a REST endpoint can raise, as application/problem+json with a stable type and no stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response expected(ProblemException e) {
        Response.ResponseBuilder answer = answer(e.toProblem());
        if (e.retryAfter() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, Math.max(1, (e.retryAfter().toMillis() + 999) / 1000));
        }
        return answer.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return answer(Problem.of(400, "validation-failed", "The request is not valid", detail, errors)).build();
    }

    @ServerExceptionMapper
    public Response wrongType(InvalidFormatException e) {
        String field = path(e);
        if (e instanceof JsonInputPolicy.Refused) {
            return fieldProblem(field, TextPolicy.RULE);
        }
        String expected = e.getTargetType().isEnum()
                ? "one of " + Arrays.toString(e.getTargetType().getEnumConstants())
                : "a " + e.getTargetType().getSimpleName();
        return fieldProblem(field, "must be " + expected);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return fieldProblem(path(e), "has the wrong type or shape");
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return answer(Problem.of(400, "malformed-json", "The body is not valid JSON",
                "The request body could not be parsed as JSON.")).build();
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated() {
        return answer(Problem.of(401, "unauthenticated", "Authentication required",
                "Send a valid, unexpired bearer token (POST /api/auth/login)."))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return answer(Problem.of(403, "forbidden", "Not allowed", "Your role does not allow this operation.")).build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        if (e.getCause() instanceof InvalidFormatException cause) {
            return wrongType(cause);
        }
        if (e.getCause() instanceof MismatchedInputException cause) {
            return mismatched(cause);
        }
        if (e.getCause() instanceof JsonProcessingException cause) {
            return malformed(cause);
        }
        if (status == 404 && e.getCause() != null && !(e.getCause() instanceof WebApplicationException)) {
            // JAX-RS answers 404 when a path or query parameter does not convert ("size=lots", "status=LOST"):
            // the resource exists, the request is wrong.
            return answer(Problem.of(400, "validation-failed", "The request is not valid",
                    "A path or query parameter has the wrong type or an unknown value.")).build();
        }
        String reason = Response.Status.fromStatusCode(status) == null ? "Client error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = status == 404 ? "No such resource." : reason + ".";
        return answer(Problem.of(status, slug(reason), reason, detail)).build();
    }

    @ServerExceptionMapper(priority = Integer.MAX_VALUE)
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected failure while answering a request", e);
        return answer(Problem.of(500, "internal-error", "Internal error",
                "Something went wrong on our side; quote the traceId when reporting it.")).build();
    }

    static Response.ResponseBuilder answer(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    private static Response fieldProblem(String field, String message) {
        return answer(Problem.of(400, "validation-failed", "The request is not valid", field + ": " + message,
                List.of(new Problem.FieldError(field, message)))).build();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** {@code placeOrder.request.items[0].quantity} → {@code items[0].quantity}; query/path params keep their name. */
    private static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    private static String slug(String reason) {
        return reason.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }
}

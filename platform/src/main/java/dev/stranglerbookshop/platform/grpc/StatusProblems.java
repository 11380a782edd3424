package dev.stranglerbookshop.platform.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import dev.stranglerbookshop.platform.problem.Problem;
import dev.stranglerbookshop.platform.problem.ProblemException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A service's answers about a request (gRPC status codes, google.rpc conventions) as the problems the public API
 * gives (RFC 9457). The standard mapping: INVALID_ARGUMENT and OUT_OF_RANGE 400 (the description lists
 * {@code field: message; ...}), UNAUTHENTICATED 401, PERMISSION_DENIED 403, NOT_FOUND 404, ALREADY_EXISTS, ABORTED
 * and FAILED_PRECONDITION 409, RESOURCE_EXHAUSTED 429 with {@code Retry-After} from a {@code google.rpc.RetryInfo}
 * detail (60 s without one). A capability overrides a code where its public API has a more specific problem type.
 */
public final class StatusProblems {

    private final Map<Status.Code, Function<StatusRuntimeException, ProblemException>> overrides;

    private StatusProblems(Map<Status.Code, Function<StatusRuntimeException, ProblemException>> overrides) {
        this.overrides = overrides;
    }

    public static StatusProblems standard() {
        return new StatusProblems(new EnumMap<>(Status.Code.class));
    }

    /** This mapping, answering {@code code} with {@code problem} instead. */
    public StatusProblems with(Status.Code code, Function<StatusRuntimeException, ProblemException> problem) {
        Map<Status.Code, Function<StatusRuntimeException, ProblemException>> copy = new EnumMap<>(Status.Code.class);
        copy.putAll(overrides);
        copy.put(code, problem);
        return new StatusProblems(copy);
    }

    /** Whether a status is an answer about the request (never a sign that the service is unhealthy). */
    public static boolean isAnswer(Status.Code code) {
        return switch (code) {
            case INVALID_ARGUMENT, OUT_OF_RANGE, UNAUTHENTICATED, PERMISSION_DENIED, NOT_FOUND, ALREADY_EXISTS,
                    ABORTED, FAILED_PRECONDITION, RESOURCE_EXHAUSTED -> true;
            default -> false;
        };
    }

    /** @throws IllegalArgumentException for a status that is not an answer ({@link #isAnswer}) */
    public ProblemException toProblem(StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        Function<StatusRuntimeException, ProblemException> override = overrides.get(code);
        if (override != null) {
            return override.apply(e);
        }
        String detail = description(e);
        return switch (code) {
            case INVALID_ARGUMENT, OUT_OF_RANGE -> invalid(detail);
            case UNAUTHENTICATED -> new ProblemException(401, "unauthenticated", "Authentication required", detail);
            case PERMISSION_DENIED -> new ProblemException(403, "forbidden", "Not allowed", detail);
            case NOT_FOUND -> ProblemException.notFound(detail);
            case ALREADY_EXISTS, ABORTED, FAILED_PRECONDITION -> new ProblemException(409, "conflict", "Conflict", detail);
            case RESOURCE_EXHAUSTED -> new ProblemException(429, "too-many-requests", "Too many requests", detail,
                    List.of(), retryDelay(e));
            default -> throw new IllegalArgumentException(code + " is not an answer about the request");
        };
    }

    /** The status description, safe to show (the contracts say so), or empty. */
    public static String description(StatusRuntimeException e) {
        return e.getStatus().getDescription() == null ? "" : e.getStatus().getDescription();
    }

    /** INVALID_ARGUMENT's description, {@code "password: must be ...; email: ..."}, as a 400 naming each field. */
    public static ProblemException invalid(String description) {
        List<Problem.FieldError> errors = Arrays.stream(description.split("; "))
                .map(part -> part.split(": ", 2))
                .map(p -> p.length == 2 ? new Problem.FieldError(p[0], p[1]) : new Problem.FieldError("body", p[0]))
                .toList();
        return new ProblemException(400, "validation-failed", "The request is not valid", description, errors, null);
    }

    /** From a {@code google.rpc.RetryInfo} detail; 60 s when the service gave none. */
    public static Duration retryDelay(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        if (status != null) {
            for (var detail : status.getDetailsList()) {
                if (detail.is(RetryInfo.class)) {
                    try {
                        return Duration.ofSeconds(Math.max(1, detail.unpack(RetryInfo.class).getRetryDelay().getSeconds()));
                    } catch (InvalidProtocolBufferException ignored) {
                        // fall through to the default below
                    }
                }
            }
        }
        return Duration.ofSeconds(60);
    }
}

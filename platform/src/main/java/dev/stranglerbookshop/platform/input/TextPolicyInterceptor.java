package dev.stranglerbookshop.platform.input;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;

import java.util.Map;
import java.util.Optional;

/**
 * The {@link TextPolicy} on every string field of every gRPC request this service receives, nested messages and
 * repeated fields included: INVALID_ARGUMENT {@code "<field>: <rule>"} before the method runs (an answer about the
 * request, which never counts against the caller's circuit breaker). Innermost of the server interceptors, so the call
 * it closes is the traced one.
 */
@ApplicationScoped
@GlobalInterceptor
public class TextPolicyInterceptor implements ServerInterceptor, Prioritized {

    @Override
    public int getPriority() {
        return -100; // below OpenTelemetry's 0: runs inside its span
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            private boolean refused;

            @Override
            public void onMessage(Q request) {
                Optional<String> violation = request instanceof Message message ? firstViolation(message, "")
                        : Optional.empty();
                if (violation.isPresent()) {
                    refused = true;
                    call.close(Status.INVALID_ARGUMENT.withDescription(violation.get()), new Metadata());
                    return;
                }
                super.onMessage(request);
            }

            @Override
            public void onHalfClose() {
                if (!refused) {
                    super.onHalfClose();
                }
            }
        };
    }

    /** The first string field (depth first) that breaks the policy, as {@code "path: rule"}. */
    static Optional<String> firstViolation(Message message, String prefix) {
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            String name = prefix + field.getKey().getJsonName();
            Object value = field.getValue();
            if (value instanceof Iterable<?> values) {
                int index = 0;
                for (Object element : values) {
                    Optional<String> violation = check(element, name + "[" + index++ + "]");
                    if (violation.isPresent()) {
                        return violation;
                    }
                }
            } else {
                Optional<String> violation = check(value, name);
                if (violation.isPresent()) {
                    return violation;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> check(Object value, String name) {
        if (value instanceof String text) {
            return TextPolicy.violation(name, text);
        }
        if (value instanceof Message nested) {
            return firstViolation(nested, name + ".");
        }
        return Optional.empty();
    }
}

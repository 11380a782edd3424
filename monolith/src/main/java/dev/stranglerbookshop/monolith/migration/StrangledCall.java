package dev.stranglerbookshop.monolith.migration;

import dev.stranglerbookshop.topology.Capability;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One request/response call of a capability, as the {@link StranglerSeam} runs it. The capability supplies only its
 * two calls and how to compare their answers:
 * <pre>{@code
 * seam.run(StrangledCall.<UserView>of(AUTH, "register", email)
 *         .monolith(() -> module.register(request))
 *         .service(() -> client.register(request, false))
 *         .shadow(() -> client.register(request, true))      // optional: a dry run where the call writes
 *         .compared(AuthAnswers::user)
 *         .unavailable("Sign-in is temporarily unavailable; please try again shortly."));
 * }</pre>
 *
 * @param <T> the answer
 */
public final class StrangledCall<T> {

    private final Capability capability;
    private final String operation;
    private final String callerKey;
    private Supplier<T> monolith;
    private Supplier<T> service;
    private Supplier<T> shadow;
    private Function<? super T, Map<String, ?>> normaliser = answer -> Map.of("answer", String.valueOf(answer));
    private String unavailableDetail;

    private StrangledCall(Capability capability, String operation, String callerKey) {
        this.capability = Objects.requireNonNull(capability);
        this.operation = Objects.requireNonNull(operation);
        this.callerKey = Objects.requireNonNull(callerKey);
        this.unavailableDetail = "This part of the shop is temporarily unavailable; please try again shortly.";
    }

    /**
     * @param operation names the call in metrics and logs ({@code register}, {@code search})
     * @param callerKey keeps a canary sticky: the same key always lands on the same side
     */
    public static <T> StrangledCall<T> of(Capability capability, String operation, String callerKey) {
        return new StrangledCall<>(capability, operation, callerKey);
    }

    /** The in-process module's call. */
    public StrangledCall<T> monolith(Supplier<T> call) {
        this.monolith = call;
        return this;
    }

    /**
     * The extracted service's call: it answers, throws a problem (an answer about the request), or throws
     * {@link dev.stranglerbookshop.platform.grpc.ServiceUnavailable} (no answer).
     */
    public StrangledCall<T> service(Supplier<T> call) {
        this.service = call;
        return this;
    }

    /**
     * What the service runs in shadow mode, before the module answers: a dry run where the call writes, so nothing is
     * written twice. Without it, shadow mode sends no traffic to the service for this call (the module answers).
     */
    public StrangledCall<T> shadow(Supplier<T> call) {
        this.shadow = call;
        return this;
    }

    /** The fields shadow mode compares, after removing what may legitimately differ (ids, times, signatures). */
    public StrangledCall<T> compared(Function<? super T, Map<String, ?>> fields) {
        this.normaliser = fields;
        return this;
    }

    /** The 503 problem's detail when the service route cannot answer. */
    public StrangledCall<T> unavailable(String detail) {
        this.unavailableDetail = detail;
        return this;
    }

    Capability capability() {
        return capability;
    }

    String operation() {
        return operation;
    }

    String callerKey() {
        return callerKey;
    }

    Supplier<T> monolith() {
        return Objects.requireNonNull(monolith, "a strangled call needs its monolith side");
    }

    Supplier<T> service() {
        return Objects.requireNonNull(service, "a strangled call needs its service side");
    }

    Supplier<T> shadowOrNull() {
        return shadow;
    }

    Map<String, ?> normalise(T answer) {
        return normaliser.apply(answer);
    }

    String unavailableDetail() {
        return unavailableDetail;
    }
}

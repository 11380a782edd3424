package dev.stranglerbookshop.monolith.idempotency.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stranglerbookshop.monolith.idempotency.Idempotent;
import dev.stranglerbookshop.platform.problem.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** Reads and checks the {@link Idempotent#HEADER} of a request, then hands the write to {@link IdempotentWrites}. */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
class IdempotencyInterceptor {

    /** 1 to 255 visible ASCII characters: any UUID, ULID or random token fits; nothing a log or a column cannot hold. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    @Inject
    HttpServerRequest request;
    @Inject
    JsonWebToken token;
    @Inject
    IdempotentWrites writes;
    @Inject
    ObjectMapper json;

    @AroundInvoke
    Object around(InvocationContext call) throws Exception {
        List<String> keys = request.headers().getAll(Idempotent.HEADER);
        if (keys.isEmpty()) {
            return call.proceed();
        }
        if (keys.size() > 1 || !KEY.matcher(keys.get(0)).matches()) {
            throw ProblemException.invalid(Idempotent.HEADER,
                    "must be sent once, as 1 to 255 visible ASCII characters (a UUID, say)");
        }
        if (token.getSubject() == null) {
            throw new IllegalStateException(call.getMethod() + " is @Idempotent but its caller is not authenticated");
        }
        return writes.run(token.getSubject(), keys.get(0), fingerprint(call), call);
    }

    /** What makes two requests "the same": method, path, query and the parameters as read (so not the whitespace). */
    private String fingerprint(InvocationContext call) throws Exception {
        ObjectWriter canonical = json.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        String request = this.request.method() + " " + this.request.path() + "?" + this.request.query() + "\n"
                + canonical.writeValueAsString(call.getParameters());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(request.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) { // every JVM has SHA-256
            throw new IllegalStateException(impossible);
        }
    }
}

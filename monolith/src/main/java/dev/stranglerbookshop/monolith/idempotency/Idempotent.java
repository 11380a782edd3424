package dev.stranglerbookshop.monolith.idempotency;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a non-idempotent write safe to retry with an {@code Idempotency-Key} request header (the convention of
 * payment APIs, written up in the IETF HTTPAPI draft "The Idempotency-Key HTTP Header Field"):
 * <ul>
 * <li>no header: the write runs as usual;</li>
 * <li>a new key: the write runs, and its answer is stored with the key in the write's own transaction;</li>
 * <li>the same key and the same request (method, path, query, body) again: the stored answer, with the header
 * {@code Idempotent-Replayed: true}, and nothing is written again. A retry sent while the first request is still
 * running waits for it and then gets its answer;</li>
 * <li>the same key with another request: 422 problem {@code idempotency-key-reused};</li>
 * <li>a key that is not 1 to 255 visible ASCII characters: 400 problem naming {@code Idempotency-Key}.</li>
 * </ul>
 * Keys are scoped to the caller (the access token's subject) and kept for {@code bookshop.idempotency.retention}
 * (24 h by default). A request refused with a problem stores nothing: it may be retried with the same key.
 * The annotated method must be a JAX-RS resource method of an authenticated caller that returns a
 * {@link jakarta.ws.rs.core.Response} with a JSON entity.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Idempotent {

    /** The request header that carries the key. */
    String HEADER = "Idempotency-Key";

    /** The answer header that marks a stored answer given again. */
    String REPLAYED = "Idempotent-Replayed";
}

package io.payguard.platform.web.signature;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * A call that moves money: a merchant caller's request may carry an RFC 9421 signature made with one of the
 * merchant's registered keys, and must when the merchant requires it or the API key's mode is in
 * {@code payguard.request-signing.required-modes}. Verified by {@link SignedRequestFilter} (bound by this annotation)
 * after authentication. Callers that are not merchants (customers, whose tokens are DPoP-bound) are not concerned.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SignedRequest {

    /** Whether the operation takes an {@code Idempotency-Key}, which the signature must then cover. */
    boolean idempotencyKey() default true;
}

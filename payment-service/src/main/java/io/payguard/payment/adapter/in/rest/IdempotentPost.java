package io.payguard.payment.adapter.in.rest;

import java.util.function.Function;

import io.payguard.payment.domain.Refund;

/**
 * One POST that {@link IdempotentCalls} runs once per Idempotency-Key: what it acts on, what identifies its request, and
 * how its answer is written. Answered 200 and provisional (the call goes on after its transaction) unless
 * {@link #created()} or {@link #settledInTransaction()} say otherwise.
 *
 * @param objectType the kind of object ({@code payment_intent}, {@code top_up}, ...): the audit record's object type,
 *     and part of the idempotency hash
 * @param operation a verb, then (after a space) the id from the path if there is one ({@code "confirm pi_…"})
 * @param request what identifies the request for idempotency (hashed canonically; never a secret such as a CVV)
 * @param provisional whether the answer stored in the transaction is provisional: the call goes on after it
 * @param view the answer's body for a result
 * @param objectId the audited object of a result, when the path names none
 * @param sentView the body sent to this call, when it differs from the stored {@code view} (what is shown once, such as
 *     an in-app payment's client secret, is sent but never stored): null when they are the same
 */
public record IdempotentPost<T>(
        String objectType,
        String operation,
        Object request,
        int status,
        boolean provisional,
        Function<T, Object> view,
        Function<T, String> objectId,
        Function<T, Object> sentView) {

    public static <T> IdempotentPost<T> of(
            String objectType,
            String operation,
            Object request,
            Function<T, Object> view,
            Function<T, String> objectId) {
        return new IdempotentPost<>(objectType, operation, request, 200, true, view, objectId, null);
    }

    /**
     * A refund of the payment {@code paymentId} (a top-up's card payment, too): created, answered with the refund; the
     * pending refund is the stored answer from the moment it exists (the final state replaces it afterwards).
     */
    static IdempotentPost<Refund> refund(String objectType, String paymentId, PaymentApi.CreateRefund request) {
        return IdempotentPost.<Refund>of(
                        objectType, "refund " + paymentId, request, PaymentApi.RefundView::of, Refund::paymentId)
                .created();
    }

    /** Answered 201: the call creates the object. */
    public IdempotentPost<T> created() {
        return new IdempotentPost<>(objectType, operation, request, 201, provisional, view, objectId, sentView);
    }

    /** The call is over when its transaction commits: the answer stored there is final, not provisional. */
    public IdempotentPost<T> settledInTransaction() {
        return new IdempotentPost<>(objectType, operation, request, status, false, view, objectId, sentView);
    }

    /** This call is sent {@code sent} while {@code view} is stored (and replayed): what is shown once is never stored. */
    public IdempotentPost<T> sentOnce(Function<T, Object> sent) {
        return new IdempotentPost<>(objectType, operation, request, status, provisional, view, objectId, sent);
    }

    /** The audited action: {@code <object type>.<verb>}. */
    String action() {
        return objectType + "." + operation.split(" ")[0];
    }

    /** The audited object of a success: the id from the path, else the result's. */
    String auditedObject(T result) {
        String pathId = pathId();
        return pathId != null ? pathId : objectId.apply(result);
    }

    /** The audited object of a refusal: the id from the path, else {@code *}. */
    String refusedObject() {
        String pathId = pathId();
        return pathId != null ? pathId : "*";
    }

    /** The id from the path, or null when the path names none. */
    private String pathId() {
        return operation.contains(" ") ? operation.substring(operation.indexOf(' ') + 1) : null;
    }

    /**
     * What the idempotency hash covers besides the request: the object type is part of it, so the same key on another
     * kind of call is a reuse, never a replay (payment intents, the first kind, hash the operation alone).
     */
    String hashedOperation() {
        return objectType.equals(PaymentIntentResource.OBJECT_TYPE) ? operation : objectType + " " + operation;
    }
}

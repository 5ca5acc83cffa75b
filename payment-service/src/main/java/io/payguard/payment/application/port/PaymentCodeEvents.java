package io.payguard.payment.application.port;

import io.payguard.payment.domain.PaymentCode;
import io.smallrye.mutiny.Uni;

/**
 * Facts about payment codes on {@code payment.events} ({@code io.payguard.payment.payment_code.*.v1}), appended to the
 * outbox in the caller's transaction: the code's id, its masked tail, status, funding, level, and for a charge the
 * payment and merchant. Never the code's digits.
 */
public interface PaymentCodeEvents {

    Uni<Void> created(PaymentCode code);

    /** The code was claimed by the payment {@code code.paymentId()} of {@code code.merchantId()}. */
    Uni<Void> charged(PaymentCode code);

    Uni<Void> expired(PaymentCode code);

    /**
     * A charge by {@code merchantId} was refused for {@code reason} ({@code payment_code_used},
     * {@code payment_code_expired}, {@code payment_code_not_found}); {@code code} is null when no code matched.
     */
    Uni<Void> refused(PaymentCode code, String merchantId, String reason);
}

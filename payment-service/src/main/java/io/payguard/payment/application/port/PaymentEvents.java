package io.payguard.payment.application.port;

import io.payguard.payment.domain.PaymentEvent;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.Payout;
import io.payguard.payment.domain.risk.RiskDecision;
import io.smallrye.mutiny.Uni;

/**
 * The facts this service publishes on {@code payment.events} (audit-service and others read them): ids, amounts,
 * states and reason codes only, never customer or card data. Each is appended to the outbox in the caller's
 * transaction, so a fact commits with the change it states or not at all. The adapter owns the wire format.
 */
public interface PaymentEvents {

    /**
     * The fact a payment's transition event states ({@code created}, {@code authorised}, {@code refunded}, …). Only
     * events that are facts may be passed: the funding requests ({@link PaymentEvent.AuthorisationRequested},
     * {@link PaymentEvent.CaptureRequested}, {@link PaymentEvent.ReleaseRequested}) are wallet commands.
     */
    Uni<Void> fact(PaymentIntent payment, PaymentEvent event);

    /** The risk engine's decision on a payment, with each rule's finding. */
    Uni<Void> riskDecision(PaymentIntent payment, RiskDecision decision);

    /** A payout fact ({@code payout_requested}, {@code payout_paid}, …) with an optional reason code. */
    Uni<Void> payoutFact(Payout payout, String what, String reason);
}

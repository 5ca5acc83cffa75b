package io.payguard.payment.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.payguard.kernel.Money;
import io.payguard.payment.domain.PaymentState.Canceled;
import io.payguard.payment.domain.PaymentState.Failed;
import io.payguard.payment.domain.PaymentState.Processing;
import io.payguard.payment.domain.PaymentState.Processing.Step;
import io.payguard.payment.domain.PaymentState.RequiresAction;
import io.payguard.payment.domain.PaymentState.RequiresCapture;
import io.payguard.payment.domain.PaymentState.RequiresConfirmation;
import io.payguard.payment.domain.PaymentState.RequiresPaymentMethod;
import io.payguard.payment.domain.PaymentState.RequiresReview;
import io.payguard.payment.domain.PaymentState.Succeeded;

/**
 * A merchant's intent to collect {@code amount} from a customer. Immutable: every action returns a
 * {@link Transition}, never throws for a business refusal. {@code refunded} counts refunds requested and not
 * failed, so the sum of refunds can never exceed what was captured, even while some are pending.
 */
public record PaymentIntent(
        String id,
        String merchantId,
        String customerId,
        Money amount,
        String description,
        MethodType method,
        CaptureMethod captureMethod,
        Map<String, String> metadata,
        PaymentState state,
        long refunded,
        Instant createdAt,
        Instant updatedAt,
        PaymentChannel channel) {

    public PaymentIntent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(captureMethod, "captureMethod");
        Objects.requireNonNull(state, "state");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        channel = channel == null ? PaymentChannel.API : channel;
        if (amount.minor() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        if (refunded < 0) {
            throw new IllegalArgumentException("refunded must not be negative");
        }
    }

    /** An intent created through the API (the merchant's server). */
    public PaymentIntent(
            String id,
            String merchantId,
            String customerId,
            Money amount,
            String description,
            MethodType method,
            CaptureMethod captureMethod,
            Map<String, String> metadata,
            PaymentState state,
            long refunded,
            Instant createdAt,
            Instant updatedAt) {
        this(
                id,
                merchantId,
                customerId,
                amount,
                description,
                method,
                captureMethod,
                metadata,
                state,
                refunded,
                createdAt,
                updatedAt,
                PaymentChannel.API);
    }

    public static Transition.Applied create(
            String id,
            String merchantId,
            String customerId,
            Money amount,
            String description,
            MethodType method,
            CaptureMethod captureMethod,
            Map<String, String> metadata,
            Instant now) {
        return create(
                id,
                merchantId,
                customerId,
                amount,
                description,
                method,
                captureMethod,
                metadata,
                PaymentChannel.API,
                now);
    }

    /** A new intent initiated through {@code channel} (see {@link PaymentChannel}). */
    public static Transition.Applied create(
            String id,
            String merchantId,
            String customerId,
            Money amount,
            String description,
            MethodType method,
            CaptureMethod captureMethod,
            Map<String, String> metadata,
            PaymentChannel channel,
            Instant now) {
        PaymentState state = method == null ? new RequiresPaymentMethod() : new RequiresConfirmation();
        var intent = new PaymentIntent(
                id,
                merchantId,
                customerId,
                amount,
                description,
                method,
                captureMethod,
                metadata,
                state,
                0,
                now,
                now,
                channel);
        return new Transition.Applied(intent, List.of(new PaymentEvent.Created()));
    }

    /**
     * The paying customer joins an intent created without one (an in-app payment confirmed with its client secret, a
     * dynamic QR code scanned by the customer): only before confirmation, and never replacing another customer.
     */
    public Transition attachCustomer(String customer, Instant now) {
        Objects.requireNonNull(customer, "customer");
        if (customer.equals(customerId)) {
            return new Transition.Applied(this, List.of());
        }
        if (customerId != null || !(state instanceof RequiresConfirmation || state instanceof RequiresPaymentMethod)) {
            return illegal("attach a customer to");
        }
        var attached = new PaymentIntent(
                id,
                merchantId,
                customer,
                amount,
                description,
                method,
                captureMethod,
                metadata,
                state,
                refunded,
                createdAt,
                now,
                channel);
        return new Transition.Applied(attached, List.of());
    }

    public String status() {
        return state.status();
    }

    /** What has been captured so far (0 before success). */
    public long captured() {
        return state instanceof Succeeded s ? s.captured() : 0;
    }

    public Optional<String> authorization() {
        return switch (state) {
            case Processing p -> Optional.ofNullable(p.authorization());
            case RequiresCapture r -> Optional.of(r.authorization());
            case RequiresReview r -> Optional.of(r.authorization());
            case Succeeded s -> Optional.ofNullable(s.authorization());
            default -> Optional.empty();
        };
    }

    /**
     * Confirms with the intent's method, or with {@code method} when none was set. {@code scaRequired}: strong
     * customer authentication must happen first.
     */
    public Transition confirm(MethodType method, boolean scaRequired, Instant now) {
        return confirm(method, scaRequired, false, now);
    }

    /**
     * As {@link #confirm(MethodType, boolean, Instant)}; {@code review}: the risk decision was review, so the
     * authorisation (after strong authentication when that is required too) is asked for without capture and the
     * payment then waits in {@code requires_review} for an operator, whatever its capture method.
     */
    public Transition confirm(MethodType method, boolean scaRequired, boolean review, Instant now) {
        if (this.method != null && method != null && method != this.method) {
            return new Transition.Rejected(
                    Transition.Rejected.ILLEGAL, status(), "the payment method type cannot change");
        }
        MethodType chosen = this.method != null ? this.method : method;
        return switch (state) {
            case RequiresPaymentMethod r
            when chosen == null ->
                new Transition.Rejected(
                        Transition.Rejected.ILLEGAL, status(), "a payment method type is required to confirm");
            case RequiresPaymentMethod r -> startAuthorisation(chosen, scaRequired, review, now);
            // a passed 3-D Secure challenge is the strong authentication: it is not asked for twice
            case RequiresConfirmation r ->
                startAuthorisation(chosen, scaRequired && r.authentication() == null, review, now);
            default -> illegal("confirm");
        };
    }

    private Transition startAuthorisation(MethodType chosen, boolean scaRequired, boolean review, Instant now) {
        if (scaRequired) {
            return new Transition.Applied(
                    with(chosen, new RequiresAction(null, review), refunded, now),
                    List.of(new PaymentEvent.ActionRequired()));
        }
        return new Transition.Applied(
                with(chosen, new Processing(Step.AUTHORISING, null, amount.minor(), review), refunded, now),
                List.of(new PaymentEvent.AuthorisationRequested(amount)));
    }

    /** The one-time-code challenge {@code challengeId} was issued (first, again after expiry, or resent). */
    public Transition challengeIssued(String challengeId, Instant now) {
        Objects.requireNonNull(challengeId, "challengeId");
        if (!(state instanceof RequiresAction a)) {
            return illegal("issue a challenge for");
        }
        return new Transition.Applied(
                with(method, new RequiresAction(challengeId, a.review()), refunded, now), List.of());
    }

    /** The customer passed strong authentication (wallet SCA): the authorisation starts. */
    public Transition actionCompleted(Instant now) {
        if (!(state instanceof RequiresAction a)) {
            return illegal("complete the action of");
        }
        if (method == MethodType.CARD) {
            return new Transition.Rejected(
                    Transition.Rejected.ILLEGAL,
                    status(),
                    "a card payment is confirmed again with its card after 3-D Secure");
        }
        return new Transition.Applied(
                with(method, new Processing(Step.AUTHORISING, null, amount.minor(), a.review()), refunded, now),
                List.of(new PaymentEvent.AuthorisationRequested(amount)));
    }

    /**
     * The customer passed the card issuer's 3-D Secure challenge: the payment waits to be confirmed again (the CVV
     * is not kept between requests), carrying {@code authentication} to that authorisation.
     */
    public Transition authenticated(CardAuthentication authentication, Instant now) {
        Objects.requireNonNull(authentication, "authentication");
        if (!(state instanceof RequiresAction) || method != MethodType.CARD) {
            return illegal("authenticate the card of");
        }
        return new Transition.Applied(
                with(method, new RequiresConfirmation(authentication), refunded, now),
                List.of(new PaymentEvent.Authenticated()));
    }

    /** The card issuer asks for a 3-D Secure challenge before it decides; no authorisation exists yet. */
    public Transition challengeRequired(Instant now) {
        if (!(state instanceof Processing p && p.step() == Step.AUTHORISING) || method != MethodType.CARD) {
            return illegal("require a card challenge for");
        }
        return new Transition.Applied(
                with(method, new RequiresAction(), refunded, now), List.of(new PaymentEvent.ActionRequired()));
    }

    /** Risk controls declined the payment before any authorisation was asked for. */
    public Transition decline(String reasonCode, Instant now) {
        return decline(reasonCode, List.of(), now);
    }

    /** As {@link #decline(String, Instant)}, naming the risk rules that declined it ({@code Failed.riskRules}). */
    public Transition decline(String reasonCode, List<String> riskRules, Instant now) {
        return switch (state) {
            case RequiresPaymentMethod r -> fail(new Failed(reasonCode, riskRules), now);
            case RequiresConfirmation r -> fail(new Failed(reasonCode, riskRules), now);
            default -> illegal("decline");
        };
    }

    /** Strong customer authentication failed for good (attempts exhausted). */
    public Transition actionFailed(String reasonCode, Instant now) {
        return state instanceof RequiresAction ? fail(reasonCode, now) : illegal("fail the action of");
    }

    /** The funding side authorised the full amount under {@code authorization}. */
    public Transition authorised(String authorization, Instant now) {
        Objects.requireNonNull(authorization, "authorization");
        if (!(state instanceof Processing p && p.step() == Step.AUTHORISING)) {
            return illegal("authorise");
        }
        var authorisedEvent = new PaymentEvent.Authorised(authorization, amount);
        if (p.review()) {
            return new Transition.Applied(
                    with(method, new RequiresReview(authorization, amount.minor()), refunded, now),
                    List.of(authorisedEvent, new PaymentEvent.ReviewOpened(amount)));
        }
        if (captureMethod == CaptureMethod.AUTOMATIC) {
            return new Transition.Applied(
                    with(method, new Processing(Step.CAPTURING, authorization, amount.minor()), refunded, now),
                    List.of(authorisedEvent, new PaymentEvent.CaptureRequested(authorization, amount)));
        }
        return new Transition.Applied(
                with(method, new RequiresCapture(authorization, amount.minor()), refunded, now),
                List.of(authorisedEvent));
    }

    /**
     * The funding side authorised and captured the full amount in one step under {@code authorization} (a wallet
     * payment with automatic capture: the hold is placed and captured together). Legal only while authorising an
     * automatic-capture payment, for the whole amount; the facts are those of the two-step path, authorised then
     * captured, so consumers see the same story.
     */
    public Transition authorisedAndCaptured(String authorization, long capturedMinor, Instant now) {
        Objects.requireNonNull(authorization, "authorization");
        // a payment held for review is never captured before an operator approves it
        if (!(state instanceof Processing p && p.step() == Step.AUTHORISING && !p.review())
                || captureMethod != CaptureMethod.AUTOMATIC) {
            return illegal("authorise and capture");
        }
        if (capturedMinor != amount.minor()) {
            return new Transition.Rejected(
                    Transition.Rejected.INVALID_AMOUNT,
                    status(),
                    "a one-step capture takes the whole amount " + amount.minor() + ", not " + capturedMinor);
        }
        return new Transition.Applied(
                with(method, new Succeeded(authorization, capturedMinor), refunded, now),
                List.of(
                        new PaymentEvent.Authorised(authorization, amount),
                        new PaymentEvent.Captured(authorization, amount)));
    }

    public Transition authorisationRefused(String reasonCode, Instant now) {
        if (!(state instanceof Processing p && p.step() == Step.AUTHORISING)) {
            return illegal("refuse");
        }
        return fail(reasonCode, now);
    }

    /** Captures {@code amountOrNull} (everything capturable when null); the rest of the authorisation is released. */
    public Transition capture(Long amountOrNull, Instant now) {
        if (!(state instanceof RequiresCapture r)) {
            return illegal("capture");
        }
        long value = amountOrNull == null ? r.capturable() : amountOrNull;
        if (value <= 0 || value > r.capturable()) {
            return new Transition.Rejected(
                    Transition.Rejected.INVALID_AMOUNT,
                    status(),
                    "the amount to capture must be between 1 and " + r.capturable());
        }
        return new Transition.Applied(
                with(method, new Processing(Step.CAPTURING, r.authorization(), value), refunded, now),
                List.of(new PaymentEvent.CaptureRequested(r.authorization(), amount.withMinor(value))));
    }

    public Transition captured(long capturedMinor, Instant now) {
        if (!(state instanceof Processing p && p.step() == Step.CAPTURING)) {
            return illegal("mark captured");
        }
        return new Transition.Applied(
                with(method, new Succeeded(p.authorization(), capturedMinor), refunded, now),
                List.of(new PaymentEvent.Captured(p.authorization(), amount.withMinor(capturedMinor))));
    }

    /** The funding side refused a capture that can never succeed (e.g. the authorisation expired). */
    public Transition captureRefused(String reasonCode, Instant now) {
        if (!(state instanceof Processing p && p.step() == Step.CAPTURING)) {
            return illegal("refuse the capture of");
        }
        return fail(reasonCode, now);
    }

    public Transition cancel(String reason, Instant now) {
        String why = reason == null ? "requested_by_customer" : reason;
        return switch (state) {
            case RequiresPaymentMethod r -> canceled(why, List.of(), now);
            case RequiresConfirmation r -> canceled(why, List.of(), now);
            case RequiresAction r -> canceled(why, List.of(), now);
            case RequiresCapture r -> canceled(why, List.of(new PaymentEvent.ReleaseRequested(r.authorization())), now);
            case RequiresReview r ->
                canceled(
                        why,
                        List.of(
                                new PaymentEvent.ReviewClosed(PaymentEvent.ReviewClosed.CANCELED, null, null),
                                new PaymentEvent.ReleaseRequested(r.authorization())),
                        now);
            default -> illegal("cancel");
        };
    }

    /**
     * An operator approves a payment held for review: automatic capture → the whole authorisation is captured
     * ({@code processing}, then {@code succeeded}); manual capture → {@code requires_capture}, the merchant captures
     * as for any authorised payment.
     */
    public Transition approveReview(String reviewer, String reason, Instant now) {
        Objects.requireNonNull(reviewer, "reviewer");
        if (!(state instanceof RequiresReview r)) {
            return illegal("approve the review of");
        }
        var closed = new PaymentEvent.ReviewClosed(PaymentEvent.ReviewClosed.APPROVED, reviewer, reason);
        if (captureMethod == CaptureMethod.AUTOMATIC) {
            return new Transition.Applied(
                    with(method, new Processing(Step.CAPTURING, r.authorization(), r.amount()), refunded, now),
                    List.of(
                            closed,
                            new PaymentEvent.CaptureRequested(r.authorization(), amount.withMinor(r.amount()))));
        }
        return new Transition.Applied(
                with(method, new RequiresCapture(r.authorization(), r.amount()), refunded, now), List.of(closed));
    }

    /** An operator declines a payment held for review: the authorisation is released, the payment fails {@code review_declined}. */
    public Transition declineReview(String reviewer, String reason, Instant now) {
        Objects.requireNonNull(reviewer, "reviewer");
        return endReview(
                new PaymentEvent.ReviewClosed(PaymentEvent.ReviewClosed.DECLINED, reviewer, reason),
                "review_declined",
                now);
    }

    /** Nobody reviewed the payment in time: the authorisation is released, the payment fails {@code review_expired}. */
    public Transition expireReview(Instant now) {
        return endReview(
                new PaymentEvent.ReviewClosed(PaymentEvent.ReviewClosed.EXPIRED, null, null), "review_expired", now);
    }

    private Transition endReview(PaymentEvent.ReviewClosed closed, String reasonCode, Instant now) {
        if (!(state instanceof RequiresReview r)) {
            return illegal(
                    closed.outcome().equals(PaymentEvent.ReviewClosed.EXPIRED)
                            ? "expire the review of"
                            : "decline the review of");
        }
        return new Transition.Applied(
                with(method, new Failed(reasonCode), refunded, now),
                List.of(
                        closed,
                        new PaymentEvent.ReleaseRequested(r.authorization()),
                        new PaymentEvent.Failed(reasonCode)));
    }

    /** Refunds {@code amountOrNull} (all that is still refundable when null) of a succeeded payment. */
    public Transition refund(String refundId, Long amountOrNull, Instant now) {
        if (!(state instanceof Succeeded s)) {
            return illegal("refund");
        }
        long refundable = s.captured() - refunded;
        long value = amountOrNull == null ? refundable : amountOrNull;
        if (value <= 0 || value > refundable) {
            return new Transition.Rejected(
                    Transition.Rejected.INVALID_AMOUNT,
                    status(),
                    refundable == 0
                            ? "the payment is fully refunded"
                            : "the amount to refund must be between 1 and " + refundable);
        }
        return new Transition.Applied(
                with(method, state, refunded + value, now),
                List.of(new PaymentEvent.RefundRequested(refundId, amount.withMinor(value))));
    }

    public Transition refundCompleted(String refundId, long refundedMinor, Instant now) {
        return new Transition.Applied(
                with(method, state, refunded, now),
                List.of(new PaymentEvent.Refunded(refundId, amount.withMinor(refundedMinor))));
    }

    /** A refused refund gives its amount back to what may still be refunded. */
    public Transition refundFailed(String refundId, long refundMinor, String reasonCode, Instant now) {
        return new Transition.Applied(
                with(method, state, Math.max(0, refunded - refundMinor), now),
                List.of(new PaymentEvent.RefundFailed(refundId, amount.withMinor(refundMinor), reasonCode)));
    }

    private Transition canceled(String reason, List<PaymentEvent> more, Instant now) {
        var events = new java.util.ArrayList<PaymentEvent>(more);
        events.add(new PaymentEvent.Canceled(reason));
        return new Transition.Applied(with(method, new Canceled(reason), refunded, now), events);
    }

    private Transition fail(String reasonCode, Instant now) {
        return fail(new Failed(reasonCode), now);
    }

    private Transition fail(Failed failed, Instant now) {
        return new Transition.Applied(
                with(method, failed, refunded, now), List.of(new PaymentEvent.Failed(failed.reasonCode())));
    }

    private Transition illegal(String action) {
        return new Transition.Rejected(
                Transition.Rejected.ILLEGAL, status(), "cannot " + action + " a payment in state " + status());
    }

    private PaymentIntent with(MethodType m, PaymentState s, long refundedMinor, Instant now) {
        return new PaymentIntent(
                id,
                merchantId,
                customerId,
                amount,
                description,
                m,
                captureMethod,
                metadata,
                s,
                refundedMinor,
                createdAt,
                now,
                channel);
    }
}

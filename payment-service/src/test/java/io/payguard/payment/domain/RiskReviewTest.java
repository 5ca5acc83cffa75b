package io.payguard.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.payguard.kernel.Money;
import io.payguard.payment.domain.PaymentState.Processing;
import io.payguard.payment.domain.PaymentState.Processing.Step;
import io.payguard.payment.domain.risk.RiskContext;
import io.payguard.payment.domain.risk.RiskDecision;
import io.payguard.payment.domain.risk.RiskPolicy;

/** A review decision: authorised without capture, held in requires_review, then approved, declined, expired or canceled. */
class RiskReviewTest {

    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    static final Instant T1 = T0.plusSeconds(1);

    static PaymentIntent intent(MethodType method, CaptureMethod capture) {
        return PaymentIntent.create(
                        "pi_1", "merchant-a", "cust-1", Money.of(1000, "CNY"), "order", method, capture, Map.of(), T0)
                .intent();
    }

    static PaymentIntent held(CaptureMethod capture) {
        var authorising =
                ((Transition.Applied) intent(MethodType.WALLET, capture).confirm(null, false, true, T1)).intent();
        return ((Transition.Applied) authorising.authorised("hold-7", T1)).intent();
    }

    @Test
    void aReviewedPaymentIsAuthorisedButNeverCapturedAtOnceWhateverItsCaptureMethod() {
        for (var capture : CaptureMethod.values()) {
            var confirmed =
                    (Transition.Applied) intent(MethodType.WALLET, capture).confirm(null, false, true, T1);
            assertThat(confirmed.intent().state()).isEqualTo(new Processing(Step.AUTHORISING, null, 1000, true));
            assertThat(confirmed.events())
                    .containsExactly(new PaymentEvent.AuthorisationRequested(Money.of(1000, "CNY")));
            // a one-step debit is refused for it (the wallet must not capture a payment under review)
            assertThat(confirmed.intent().authorisedAndCaptured("hold-7", 1000, T1))
                    .isInstanceOf(Transition.Rejected.class);

            var authorised = (Transition.Applied) confirmed.intent().authorised("hold-7", T1);
            assertThat(authorised.intent().state()).isEqualTo(new PaymentState.RequiresReview("hold-7", 1000));
            assertThat(authorised.intent().status()).isEqualTo("requires_review");
            assertThat(authorised.intent().captured()).isZero();
            assertThat(authorised.intent().authorization()).contains("hold-7");
            assertThat(authorised.events())
                    .containsExactly(
                            new PaymentEvent.Authorised("hold-7", Money.of(1000, "CNY")),
                            new PaymentEvent.ReviewOpened(Money.of(1000, "CNY")));
            assertThat(authorised.intent().capture(null, T1))
                    .as("the merchant cannot capture it")
                    .isInstanceOf(Transition.Rejected.class);
            assertThat(authorised.intent().refund("re_1", null, T1)).isInstanceOf(Transition.Rejected.class);
        }
    }

    @Test
    void approvalCapturesAnAutomaticPaymentAndHandsAManualOneToItsMerchant() {
        var auto = (Transition.Applied) held(CaptureMethod.AUTOMATIC).approveReview("otto", "known customer", T1);
        assertThat(auto.intent().state()).isEqualTo(new Processing(Step.CAPTURING, "hold-7", 1000));
        assertThat(auto.events())
                .containsExactly(
                        new PaymentEvent.ReviewClosed("approved", "otto", "known customer"),
                        new PaymentEvent.CaptureRequested("hold-7", Money.of(1000, "CNY")));
        assertThat(((Transition.Applied) auto.intent().captured(1000, T1))
                        .intent()
                        .status())
                .isEqualTo("succeeded");

        var manual = (Transition.Applied) held(CaptureMethod.MANUAL).approveReview("otto", "known customer", T1);
        assertThat(manual.intent().state()).isEqualTo(new PaymentState.RequiresCapture("hold-7", 1000));
        assertThat(manual.events())
                .containsExactly(new PaymentEvent.ReviewClosed("approved", "otto", "known customer"));
    }

    @Test
    void declineExpiryAndCancelReleaseTheHold() {
        var declined = (Transition.Applied) held(CaptureMethod.AUTOMATIC).declineReview("cora", "mule account", T1);
        assertThat(declined.intent().state()).isEqualTo(new PaymentState.Failed("review_declined"));
        assertThat(declined.events())
                .containsExactly(
                        new PaymentEvent.ReviewClosed("declined", "cora", "mule account"),
                        new PaymentEvent.ReleaseRequested("hold-7"),
                        new PaymentEvent.Failed("review_declined"));

        var expired = (Transition.Applied) held(CaptureMethod.AUTOMATIC).expireReview(T1);
        assertThat(expired.intent().state()).isEqualTo(new PaymentState.Failed("review_expired"));
        assertThat(expired.events())
                .containsExactly(
                        new PaymentEvent.ReviewClosed("expired", null, null),
                        new PaymentEvent.ReleaseRequested("hold-7"),
                        new PaymentEvent.Failed("review_expired"));

        var canceled = (Transition.Applied) held(CaptureMethod.MANUAL).cancel("fraudulent", T1);
        assertThat(canceled.intent().state()).isEqualTo(new PaymentState.Canceled("fraudulent"));
        assertThat(canceled.events())
                .containsExactly(
                        new PaymentEvent.ReviewClosed("canceled", null, null),
                        new PaymentEvent.ReleaseRequested("hold-7"),
                        new PaymentEvent.Canceled("fraudulent"));
        // decided once: a second decision is refused with the state reached
        assertThat(declined.intent().approveReview("otto", "too late", T1))
                .isInstanceOfSatisfying(
                        Transition.Rejected.class,
                        r -> assertThat(r.currentStatus()).isEqualTo("failed"));
    }

    @Test
    void strongAuthenticationStillComesFirstAndTheReviewSurvivesIt() {
        var challenged = (Transition.Applied)
                intent(MethodType.WALLET, CaptureMethod.AUTOMATIC).confirm(null, true, true, T1);
        assertThat(challenged.intent().state()).isEqualTo(new PaymentState.RequiresAction(null, true));
        var issued = ((Transition.Applied) challenged.intent().challengeIssued("scach_1", T1)).intent();
        assertThat(issued.state()).isEqualTo(new PaymentState.RequiresAction("scach_1", true));
        var passed = (Transition.Applied) issued.actionCompleted(T1);
        assertThat(passed.intent().state()).isEqualTo(new Processing(Step.AUTHORISING, null, 1000, true));
        assertThat(((Transition.Applied) passed.intent().authorised("hold-7", T1))
                        .intent()
                        .status())
                .isEqualTo("requires_review");
    }

    @Test
    void theReviewThresholdSendsAmountsAboveItToReview() {
        var rule = new RiskPolicy.ReviewThreshold("review_threshold", 1000);
        assertThat(rule.evaluate(context(1000))).isEmpty();
        assertThat(rule.evaluate(context(1001))).hasValueSatisfying(f -> {
            assertThat(f.outcome()).isEqualTo(RiskDecision.Outcome.REVIEW);
            assertThat(f.ruleId()).isEqualTo("review_threshold");
        });
    }

    static RiskContext context(long amount) {
        return new RiskContext(
                "merchant-a", "cust-1", Money.of(amount, "CNY"), null, null, null, 0, 0, 0, 0, 0, 0, null, 0);
    }
}

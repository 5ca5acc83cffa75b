package io.payguard.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;

import io.payguard.kernel.Money;
import io.payguard.payment.domain.PaymentState.Processing;
import io.payguard.payment.domain.PaymentState.Processing.Step;

/** Every action in every state: the legal ones move as specified, all others are rejected with the current state. */
class PaymentIntentTest {

    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    static final Instant T1 = T0.plusSeconds(1);

    enum S {
        REQUIRES_PAYMENT_METHOD,
        REQUIRES_CONFIRMATION,
        REQUIRES_ACTION,
        AUTHORISING,
        CAPTURING,
        REQUIRES_CAPTURE,
        REQUIRES_REVIEW,
        SUCCEEDED,
        CANCELED,
        FAILED
    }

    static PaymentIntent in(S s, CaptureMethod capture) {
        PaymentState state = switch (s) {
            case REQUIRES_PAYMENT_METHOD -> new PaymentState.RequiresPaymentMethod();
            case REQUIRES_CONFIRMATION -> new PaymentState.RequiresConfirmation();
            case REQUIRES_ACTION -> new PaymentState.RequiresAction();
            case AUTHORISING -> new Processing(Step.AUTHORISING, null, 1000);
            case CAPTURING -> new Processing(Step.CAPTURING, "hold-1", 800);
            case REQUIRES_CAPTURE -> new PaymentState.RequiresCapture("hold-1", 1000);
            case REQUIRES_REVIEW -> new PaymentState.RequiresReview("hold-1", 1000);
            case SUCCEEDED -> new PaymentState.Succeeded("hold-1", 800);
            case CANCELED -> new PaymentState.Canceled("requested_by_customer");
            case FAILED -> new PaymentState.Failed("insufficient_funds");
        };
        MethodType method = s == S.REQUIRES_PAYMENT_METHOD ? null : MethodType.WALLET;
        return new PaymentIntent(
                "pi_1",
                "merchant-a",
                "cust-1",
                Money.of(1000, "CNY"),
                "order",
                method,
                capture,
                Map.of(),
                state,
                0,
                T0,
                T0);
    }

    static final CardAuthentication AUTH = new CardAuthentication("AAABBEg0VhI0VniQEjRWAAAAAAA=", "05");

    /** Each action with the states it is legal in. */
    static final Map<String, BiFunction<PaymentIntent, Instant, Transition>> ACTIONS = new LinkedHashMap<>();

    static final Map<String, Set<S>> LEGAL = new LinkedHashMap<>();

    static {
        action(
                "confirm",
                (p, t) -> p.confirm(MethodType.WALLET, false, t),
                EnumSet.of(S.REQUIRES_PAYMENT_METHOD, S.REQUIRES_CONFIRMATION));
        action("actionCompleted", PaymentIntent::actionCompleted, EnumSet.of(S.REQUIRES_ACTION));
        action("authorised", (p, t) -> p.authorised("hold-9", t), EnumSet.of(S.AUTHORISING));
        action(
                "authorisationRefused",
                (p, t) -> p.authorisationRefused("insufficient_funds", t),
                EnumSet.of(S.AUTHORISING));
        action("capture", (p, t) -> p.capture(null, t), EnumSet.of(S.REQUIRES_CAPTURE));
        action("captured", (p, t) -> p.captured(800, t), EnumSet.of(S.CAPTURING));
        action("captureRefused", (p, t) -> p.captureRefused("hold_expired", t), EnumSet.of(S.CAPTURING));
        action(
                "cancel",
                (p, t) -> p.cancel(null, t),
                EnumSet.of(
                        S.REQUIRES_PAYMENT_METHOD,
                        S.REQUIRES_CONFIRMATION,
                        S.REQUIRES_ACTION,
                        S.REQUIRES_CAPTURE,
                        S.REQUIRES_REVIEW));
        action("refund", (p, t) -> p.refund("re_1", null, t), EnumSet.of(S.SUCCEEDED));
        action(
                "decline",
                (p, t) -> p.decline("risk_declined", t),
                EnumSet.of(S.REQUIRES_PAYMENT_METHOD, S.REQUIRES_CONFIRMATION));
        action("actionFailed", (p, t) -> p.actionFailed("authentication_failed", t), EnumSet.of(S.REQUIRES_ACTION));
        action("challengeIssued", (p, t) -> p.challengeIssued("scach_1", t), EnumSet.of(S.REQUIRES_ACTION));
        // 3-D Secure belongs to cards: never legal for the wallet payments of this matrix (see the card matrix)
        action("authenticated", (p, t) -> p.authenticated(AUTH, t), EnumSet.noneOf(S.class));
        action("challengeRequired", PaymentIntent::challengeRequired, EnumSet.noneOf(S.class));
        action("approveReview", (p, t) -> p.approveReview("otto", "known customer", t), EnumSet.of(S.REQUIRES_REVIEW));
        action("declineReview", (p, t) -> p.declineReview("otto", "stolen phone", t), EnumSet.of(S.REQUIRES_REVIEW));
        action("expireReview", PaymentIntent::expireReview, EnumSet.of(S.REQUIRES_REVIEW));
    }

    static void action(String name, BiFunction<PaymentIntent, Instant, Transition> f, Set<S> legal) {
        ACTIONS.put(name, f);
        LEGAL.put(name, legal);
    }

    @Test
    void everyActionIsAppliedExactlyInItsLegalStatesAndRejectedWith409CodeElsewhere() {
        int checked = 0;
        for (var action : ACTIONS.entrySet()) {
            for (S s : S.values()) {
                for (var capture : CaptureMethod.values()) {
                    var intent = in(s, capture);
                    var result = action.getValue().apply(intent, T1);
                    if (LEGAL.get(action.getKey()).contains(s)) {
                        assertThat(result).as(action.getKey() + " in " + s).isInstanceOf(Transition.Applied.class);
                        assertThat(((Transition.Applied) result).intent().updatedAt())
                                .isEqualTo(T1);
                    } else {
                        assertThat(result)
                                .as(action.getKey() + " in " + s)
                                .isInstanceOfSatisfying(Transition.Rejected.class, r -> {
                                    assertThat(r.code()).isEqualTo(Transition.Rejected.ILLEGAL);
                                    assertThat(r.currentStatus()).isEqualTo(intent.status());
                                });
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(ACTIONS.size() * S.values().length * 2);
    }

    @Test
    void createWithoutMethodRequiresOneAndConfirmWithoutMethodIsRefused() {
        var created = PaymentIntent.create(
                "pi_1", "m", "c", Money.of(500, "EUR"), null, null, CaptureMethod.AUTOMATIC, null, T0);
        assertThat(created.intent().status()).isEqualTo("requires_payment_method");
        assertThat(created.events()).containsExactly(new PaymentEvent.Created());
        assertThat(created.intent().confirm(null, false, T1)).isInstanceOf(Transition.Rejected.class);
        var withMethod = PaymentIntent.create(
                "pi_2", "m", "c", Money.of(500, "EUR"), null, MethodType.CARD, CaptureMethod.AUTOMATIC, null, T0);
        assertThat(withMethod.intent().status()).isEqualTo("requires_confirmation");
        assertThat(withMethod.intent().confirm(MethodType.WALLET, false, T1))
                .as("method cannot change")
                .isInstanceOf(Transition.Rejected.class);
    }

    @Test
    void confirmAsksForAuthorisationOrForStrongAuthenticationFirst() {
        var intent = in(S.REQUIRES_CONFIRMATION, CaptureMethod.MANUAL);
        var direct = (Transition.Applied) intent.confirm(null, false, T1);
        assertThat(direct.intent().state()).isEqualTo(new Processing(Step.AUTHORISING, null, 1000));
        assertThat(direct.events()).containsExactly(new PaymentEvent.AuthorisationRequested(Money.of(1000, "CNY")));
        var sca = (Transition.Applied) intent.confirm(null, true, T1);
        assertThat(sca.intent().status()).isEqualTo("requires_action");
        var after = (Transition.Applied) sca.intent().actionCompleted(T1);
        assertThat(after.events()).containsExactly(new PaymentEvent.AuthorisationRequested(Money.of(1000, "CNY")));
    }

    static PaymentIntent card(S s) {
        var p = in(s, CaptureMethod.AUTOMATIC);
        return new PaymentIntent(
                p.id(),
                p.merchantId(),
                p.customerId(),
                p.amount(),
                p.description(),
                MethodType.CARD,
                p.captureMethod(),
                p.metadata(),
                p.state(),
                0,
                T0,
                T0);
    }

    @Test
    void threeDSecureActionsOfACardAreLegalExactlyWhereTheFlowNeedsThem() {
        Map<String, BiFunction<PaymentIntent, Instant, Transition>> actions = Map.of(
                "challengeRequired", PaymentIntent::challengeRequired,
                "authenticated", (p, t) -> p.authenticated(AUTH, t),
                "actionCompleted", PaymentIntent::actionCompleted);
        Map<String, Set<S>> legal = Map.of(
                "challengeRequired",
                EnumSet.of(S.AUTHORISING),
                "authenticated",
                EnumSet.of(S.REQUIRES_ACTION),
                "actionCompleted",
                EnumSet.noneOf(S.class));
        for (var a : actions.entrySet()) {
            for (S s : S.values()) {
                var result = a.getValue().apply(card(s), T1);
                if (legal.get(a.getKey()).contains(s)) {
                    assertThat(result).as(a.getKey() + " in " + s).isInstanceOf(Transition.Applied.class);
                } else {
                    assertThat(result)
                            .as(a.getKey() + " in " + s)
                            .isInstanceOfSatisfying(
                                    Transition.Rejected.class,
                                    r -> assertThat(r.currentStatus()).isEqualTo(card(s).status()));
                }
            }
        }
    }

    @Test
    void aChallengedCardIsAuthenticatedThenConfirmedAgainWithoutAnotherChallenge() {
        var challenged = (Transition.Applied) card(S.AUTHORISING).challengeRequired(T1);
        assertThat(challenged.intent().state()).isEqualTo(new PaymentState.RequiresAction());
        assertThat(challenged.events()).containsExactly(new PaymentEvent.ActionRequired());
        var issued = (Transition.Applied) challenged.intent().challengeIssued("scach_7", T1);
        assertThat(issued.intent().state()).isEqualTo(new PaymentState.RequiresAction("scach_7"));
        assertThat(issued.events()).isEmpty();
        var authenticated = (Transition.Applied) issued.intent().authenticated(AUTH, T1);
        assertThat(authenticated.intent().state()).isEqualTo(new PaymentState.RequiresConfirmation(AUTH));
        assertThat(authenticated.events()).containsExactly(new PaymentEvent.Authenticated());
        // the risk rule still asks for SCA, but the passed challenge is that SCA: authorisation starts
        var confirmed = (Transition.Applied) authenticated.intent().confirm(MethodType.CARD, true, T1);
        assertThat(confirmed.intent().state()).isEqualTo(new Processing(Step.AUTHORISING, null, 1000));
        // without a passed challenge the same rule sends the card to the challenge
        var unauthenticated = (Transition.Applied) card(S.REQUIRES_CONFIRMATION).confirm(MethodType.CARD, true, T1);
        assertThat(unauthenticated.intent().status()).isEqualTo("requires_action");
        assertThat(AUTH.toString()).doesNotContain(AUTH.value());
    }

    @Test
    void automaticCaptureCapturesTheFullAmountAsSoonAsAuthorised() {
        var auto =
                (Transition.Applied) in(S.AUTHORISING, CaptureMethod.AUTOMATIC).authorised("hold-9", T1);
        assertThat(auto.intent().state()).isEqualTo(new Processing(Step.CAPTURING, "hold-9", 1000));
        assertThat(auto.events())
                .containsExactly(
                        new PaymentEvent.Authorised("hold-9", Money.of(1000, "CNY")),
                        new PaymentEvent.CaptureRequested("hold-9", Money.of(1000, "CNY")));
        var manual =
                (Transition.Applied) in(S.AUTHORISING, CaptureMethod.MANUAL).authorised("hold-9", T1);
        assertThat(manual.intent().state()).isEqualTo(new PaymentState.RequiresCapture("hold-9", 1000));
        var done = (Transition.Applied) auto.intent().captured(1000, T1);
        assertThat(done.intent().state()).isEqualTo(new PaymentState.Succeeded("hold-9", 1000));
        assertThat(done.intent().captured()).isEqualTo(1000);
    }

    @Test
    void aOneStepCaptureIsLegalOnlyWhileAuthorisingAnAutomaticCapturePaymentAndRejectedWith409CodeElsewhere() {
        int applied = 0;
        for (S s : S.values()) {
            for (var capture : CaptureMethod.values()) {
                var intent = in(s, capture);
                var result = intent.authorisedAndCaptured("hold-9", 1000, T1);
                if (s == S.AUTHORISING && capture == CaptureMethod.AUTOMATIC) {
                    assertThat(result).as("in " + s + " " + capture).isInstanceOf(Transition.Applied.class);
                    applied++;
                } else {
                    assertThat(result)
                            .as("in " + s + " " + capture)
                            .isInstanceOfSatisfying(Transition.Rejected.class, r -> {
                                assertThat(r.code()).isEqualTo(Transition.Rejected.ILLEGAL);
                                assertThat(r.currentStatus()).isEqualTo(intent.status());
                            });
                }
            }
        }
        assertThat(applied).isEqualTo(1);
    }

    @Test
    void aOneStepCaptureSucceedsWithTheFactsOfTheTwoStepPath() {
        var auto = in(S.AUTHORISING, CaptureMethod.AUTOMATIC);
        var oneStep = (Transition.Applied) auto.authorisedAndCaptured("hold-9", 1000, T1);
        assertThat(oneStep.intent().state()).isEqualTo(new PaymentState.Succeeded("hold-9", 1000));
        assertThat(oneStep.intent().status()).isEqualTo("succeeded");
        assertThat(oneStep.intent().captured()).isEqualTo(1000);
        assertThat(oneStep.intent().authorization()).contains("hold-9");
        assertThat(oneStep.intent().updatedAt()).isEqualTo(T1);
        assertThat(oneStep.events())
                .as("no capture request: the wallet captured already")
                .containsExactly(
                        new PaymentEvent.Authorised("hold-9", Money.of(1000, "CNY")),
                        new PaymentEvent.Captured("hold-9", Money.of(1000, "CNY")));

        // the two-step path ends in the same state with the same facts (plus its capture request)
        var authorised = (Transition.Applied) auto.authorised("hold-9", T1);
        var twoStep = (Transition.Applied) authorised.intent().captured(1000, T1);
        assertThat(twoStep.intent()).isEqualTo(oneStep.intent());
        var twoStepFacts = new java.util.ArrayList<PaymentEvent>(authorised.events());
        twoStepFacts.addAll(twoStep.events());
        twoStepFacts.removeIf(e -> e instanceof PaymentEvent.CaptureRequested);
        assertThat(twoStepFacts).isEqualTo(oneStep.events());

        // a repeat of the same answer changes nothing, and refunds work as after a two-step capture
        assertThat(oneStep.intent().authorisedAndCaptured("hold-9", 1000, T1)).isInstanceOf(Transition.Rejected.class);
        var refund = (Transition.Applied) oneStep.intent().refund("re_1", 400L, T1);
        assertThat(refund.events()).containsExactly(new PaymentEvent.RefundRequested("re_1", Money.of(400, "CNY")));
        assertThat(refund.intent().refund("re_2", 601L, T1)).isInstanceOf(Transition.Rejected.class);
    }

    @Test
    void aOneStepCaptureOfAnythingButTheWholeAmountIsRejected() {
        var auto = in(S.AUTHORISING, CaptureMethod.AUTOMATIC);
        for (long wrong : new long[] {999, 1001, 0}) {
            assertThat(auto.authorisedAndCaptured("hold-9", wrong, T1))
                    .as("captured " + wrong)
                    .isInstanceOfSatisfying(Transition.Rejected.class, r -> {
                        assertThat(r.code()).isEqualTo(Transition.Rejected.INVALID_AMOUNT);
                        assertThat(r.currentStatus()).isEqualTo("processing");
                    });
        }
    }

    @Test
    void aPaymentBeingAuthorisedCannotBeCanceledSoALateOneStepDebitOnlyMeetsAFailedPayment() {
        var auto = in(S.AUTHORISING, CaptureMethod.AUTOMATIC);
        assertThat(auto.cancel("abandoned", T1)).isInstanceOf(Transition.Rejected.class);
        var failed = (Transition.Applied) auto.authorisationRefused("insufficient_funds", T1);
        assertThat(failed.intent().authorisedAndCaptured("hold-9", 1000, T1))
                .isInstanceOfSatisfying(
                        Transition.Rejected.class,
                        r -> assertThat(r.currentStatus()).isEqualTo("failed"));
        assertThat(failed.intent().authorization())
                .as("so the saga sees a debit that is not the payment's")
                .isEmpty();
    }

    @Test
    void partialCaptureNeverAboveTheAuthorisation() {
        var intent = in(S.REQUIRES_CAPTURE, CaptureMethod.MANUAL);
        assertThat(intent.capture(1001L, T1))
                .isInstanceOfSatisfying(
                        Transition.Rejected.class,
                        r -> assertThat(r.code()).isEqualTo(Transition.Rejected.INVALID_AMOUNT));
        assertThat(intent.capture(0L, T1)).isInstanceOf(Transition.Rejected.class);
        var partial = (Transition.Applied) intent.capture(600L, T1);
        assertThat(partial.events()).containsExactly(new PaymentEvent.CaptureRequested("hold-1", Money.of(600, "CNY")));
    }

    @Test
    void cancelReleasesAnAuthorisationAndFailureKeepsTheReason() {
        var canceled = (Transition.Applied)
                in(S.REQUIRES_CAPTURE, CaptureMethod.MANUAL).cancel("fraudulent", T1);
        assertThat(canceled.intent().state()).isEqualTo(new PaymentState.Canceled("fraudulent"));
        assertThat(canceled.events())
                .containsExactly(new PaymentEvent.ReleaseRequested("hold-1"), new PaymentEvent.Canceled("fraudulent"));
        var failed = (Transition.Applied)
                in(S.AUTHORISING, CaptureMethod.MANUAL).authorisationRefused("insufficient_funds", T1);
        assertThat(failed.intent().state()).isEqualTo(new PaymentState.Failed("insufficient_funds"));
        assertThat(failed.intent().state().terminal()).isTrue();
    }

    @Test
    void severalRefundsNeverMoreThanCapturedAndAFailedRefundFreesItsAmount() {
        var paid = in(S.SUCCEEDED, CaptureMethod.AUTOMATIC);
        var first = (Transition.Applied) paid.refund("re_1", 300L, T1);
        var second = (Transition.Applied) first.intent().refund("re_2", 500L, T1);
        assertThat(second.intent().refunded()).isEqualTo(800);
        assertThat(second.intent().refund("re_3", 1L, T1))
                .isInstanceOfSatisfying(
                        Transition.Rejected.class, r -> assertThat(r.detail()).contains("fully refunded"));
        assertThat(first.intent().refund("re_3", 501L, T1)).isInstanceOf(Transition.Rejected.class);
        var freed = (Transition.Applied) second.intent().refundFailed("re_2", 500, "wallet_frozen", T1);
        assertThat(freed.intent().refunded()).isEqualTo(300);
        var rest = (Transition.Applied) freed.intent().refund("re_4", null, T1);
        assertThat(rest.events()).containsExactly(new PaymentEvent.RefundRequested("re_4", Money.of(500, "CNY")));
    }

    @Test
    void intentsAndRefundsArePositiveAndMoneyIsNeverXxx() {
        for (long notPositive : new long[] {0, -1}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> PaymentIntent.create(
                            "p", "m", "c", Money.of(notPositive, "CNY"), null, null, CaptureMethod.MANUAL, null, T0))
                    .isInstanceOf(IllegalArgumentException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> new Refund("re", "p", Money.of(notPositive, "CNY"), Refund.Status.PENDING, null, T0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Money.of(100, "XXX"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(S.values())).hasSize(10);
    }
}

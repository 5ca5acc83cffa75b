package io.payguard.payment.application;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.failure.ApplicationException;
import io.payguard.payment.application.port.IssuerAcs;
import io.payguard.payment.application.port.PaymentStore;
import io.payguard.payment.application.port.WebAuthnVerifier;
import io.payguard.payment.domain.MethodType;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.PaymentState;
import io.payguard.payment.domain.ScaChallenge;
import io.payguard.payment.domain.Transition;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Strong customer authentication of a payment in {@code requires_action}: the one-time-code challenge (wallet SCA, or
 * the issuer's 3-D Secure challenge of a card) is issued, answered by the customer and sent again on request.
 */
@ApplicationScoped
public class StrongAuthentication {

    private record Answered(PaymentIntent intent, ApplicationException problem) {}

    private final PaymentStore store;
    private final IntentTransitions transitions;
    private final OutcomeWait waits;
    private final RiskService risk;
    private final IssuerAcs acs;
    private final Clock clock;

    @jakarta.inject.Inject
    DeviceConfirmation device;

    public StrongAuthentication(
            PaymentStore store,
            IntentTransitions transitions,
            OutcomeWait waits,
            RiskService risk,
            IssuerAcs acs,
            Clock clock) {
        this.store = store;
        this.transitions = transitions;
        this.waits = waits;
        this.risk = risk;
        this.acs = acs;
        this.clock = clock;
    }

    /** Sends a new one-time code (wallet SCA or the issuer's 3-D Secure challenge) and records its id on the intent. */
    Uni<Transition.Applied> issueChallenge(PaymentIntent p) {
        return risk.challenge(p)
                .flatMap(challengeId -> transitions.applied(p.challengeIssued(challengeId, clock.instant())));
    }

    /**
     * The customer answers the one-time-code challenge. The attempt is committed before a wrong code is reported;
     * the fifth wrong code fails the payment; an expired code is replaced by a new one. A payment that needs a
     * device-bound confirmation refuses codes (403 {@code device_confirmation_required}).
     */
    public Uni<PaymentIntent> authenticate(String customer, String id, String code, InTransaction<PaymentIntent> tx) {
        return answer(
                customer,
                id,
                tx,
                p -> device.requireCodeAllowed(p).chain(() -> risk.verify(p, code)),
                "sca_code_invalid");
    }

    /**
     * The customer answers with a device-bound confirmation (a WebAuthn assertion over the payment's dynamically
     * linked challenge, {@link DeviceConfirmation#verify}); counted and continued exactly as a code.
     */
    public Uni<PaymentIntent> authenticateWithDevice(
            String customer, String id, WebAuthnVerifier.Assertion assertion, InTransaction<PaymentIntent> tx) {
        return answer(customer, id, tx, p -> device.verify(p, assertion), "webauthn_assertion_invalid");
    }

    private Uni<PaymentIntent> answer(
            String customer,
            String id,
            InTransaction<PaymentIntent> tx,
            Function<PaymentIntent, Uni<ScaChallenge.Outcome>> check,
            String wrongCode) {
        long deadline = waits.deadline();
        return waits.awaitingOutcome(
                id,
                signal -> Panache.withTransaction(() -> tx.begin()
                                .chain(() -> store.lock(id))
                                .flatMap(found -> {
                                    var p = outstanding(customer, found);
                                    return check.apply(p).flatMap(outcome -> answered(p, outcome, wrongCode));
                                })
                                .call(r -> r.problem() == null
                                        ? tx.end(r.intent())
                                        : Uni.createFrom().voidItem()))
                        .flatMap(r -> r.problem() != null
                                ? Uni.createFrom().failure(r.problem())
                                : waits.awaitOutcome(r.intent(), signal, deadline)));
    }

    private Uni<Answered> answered(PaymentIntent p, ScaChallenge.Outcome outcome, String wrongCode) {
        return switch (outcome) {
            // a card payment goes back to requires_confirmation with the ACS's result: the CVV was not kept
            case ScaChallenge.Outcome.Passed ok
            when p.method() == MethodType.CARD ->
                settled(p.authenticated(acs.authenticated(p.id(), p.amount()), clock.instant()));
            case ScaChallenge.Outcome.Passed ok -> settled(p.actionCompleted(clock.instant()));
            case ScaChallenge.Outcome.Wrong w
            when w.attemptsLeft() > 0 ->
                Uni.createFrom()
                        .item(new Answered(
                                p,
                                ApplicationException.invalid(
                                        wrongCode,
                                        "sca_code_invalid".equals(wrongCode) ? "Wrong code" : "Authentication failed",
                                        w.attemptsLeft() + " attempts left")));
            case ScaChallenge.Outcome.Wrong w -> settled(p.actionFailed("authentication_failed", clock.instant()));
            case ScaChallenge.Outcome.Unusable u
            when "expired".equals(u.reason()) ->
                issueChallenge(p)
                        .map(a -> new Answered(
                                a.intent(),
                                ApplicationException.invalid(
                                        "sca_code_expired", "Code expired", "the code expired; a new one was sent")));
            case ScaChallenge.Outcome.Unusable u -> settled(p.actionFailed("authentication_failed", clock.instant()));
        };
    }

    private Uni<Answered> settled(Transition t) {
        return transitions.applied(t).map(a -> new Answered(a.intent(), null));
    }

    private static PaymentIntent outstanding(String customer, Optional<PaymentIntent> found) {
        var p = found.filter(x -> customer.equals(x.customerId())).orElseThrow(IntentTransitions::notFound);
        if (!(p.state() instanceof PaymentState.RequiresAction)) {
            throw new PaymentConflict(p.status(), "no authentication is outstanding for this payment");
        }
        return p;
    }

    /**
     * The customer asks for a new one-time code (it did not arrive): the previous code stops verifying. Limited by
     * {@code payguard.risk.sca.max-resends} and {@code resend-interval}: over the limit 429.
     */
    public Uni<PaymentIntent> resendCode(String customer, String id, InTransaction<PaymentIntent> tx) {
        return Panache.withTransaction(() -> tx.begin()
                .chain(() -> store.lock(id))
                .flatMap(found -> {
                    var p = outstanding(customer, found);
                    return risk.resend(p).flatMap(outcome -> switch (outcome) {
                        case ScaChallenge.Resend.Resent r ->
                            transitions.apply(p.challengeIssued(r.challenge().id(), clock.instant()));
                        case ScaChallenge.Resend.Refused r
                        when "too_soon".equals(r.reason()) ->
                            Uni.createFrom()
                                    .failure(ApplicationException.tooSoon(
                                            "sca_resend_too_soon",
                                            "Too soon for a new code",
                                            "a new code can be sent in "
                                                    + Math.max(
                                                            1, (r.retryAfter().toMillis() + 999) / 1000)
                                                    + " seconds",
                                            null));
                        case ScaChallenge.Resend.Refused r ->
                            Uni.createFrom()
                                    .failure(ApplicationException.tooSoon(
                                            "sca_resend_limit_reached",
                                            "No more codes",
                                            "no more codes can be sent for this challenge",
                                            null));
                    });
                })
                .call(tx::end));
    }
}

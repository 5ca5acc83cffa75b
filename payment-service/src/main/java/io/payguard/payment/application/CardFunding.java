package io.payguard.payment.application;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.failure.ApplicationException;
import io.payguard.payment.application.port.Acquirer;
import io.payguard.payment.application.port.PaymentStore;
import io.payguard.payment.domain.Card;
import io.payguard.payment.domain.CardAuthentication;
import io.payguard.payment.domain.MethodType;
import io.payguard.payment.domain.PaymentEvent;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.PaymentState;
import io.payguard.payment.domain.Transition;
import io.payguard.payment.domain.risk.RiskDecision;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The card side of a payment's funding, synchronous through the {@link Acquirer} port: the card of a confirm is
 * checked (token, CVV, the card that passed 3-D Secure) and assessed, authorised after the commit, and the funding
 * requests of later transitions (capture, release, refund) are carried out and their outcome recorded.
 */
@ApplicationScoped
public class CardFunding {

    /** The card of a confirm, revealed for its authorisation, with the 3-D Secure result it carries and the risk decision. */
    public record Screened(Card card, CardAuthentication authentication, RiskDecision decision) {
        @Override
        public String toString() {
            return "Screened[" + decision.outcome() + "]";
        }
    }

    private final PaymentStore store;
    private final IntentTransitions transitions;
    private final Refunds refunds;
    private final StrongAuthentication authentication;
    private final CardVault vault;
    private final RiskService risk;
    private final Acquirer acquirer;
    private final Clock clock;

    public CardFunding(
            PaymentStore store,
            IntentTransitions transitions,
            Refunds refunds,
            StrongAuthentication authentication,
            CardVault vault,
            RiskService risk,
            Acquirer acquirer,
            Clock clock) {
        this.store = store;
        this.transitions = transitions;
        this.refunds = refunds;
        this.authentication = authentication;
        this.vault = vault;
        this.risk = risk;
        this.acquirer = acquirer;
        this.clock = clock;
    }

    /**
     * Checks the card of a confirm of the locked payment {@code p} (a token its merchant or customer may use, a CVV, and
     * after 3-D Secure the card that passed it), reveals it and assesses the payment's risk with it.
     */
    Uni<Screened> screen(PaymentIntent p, PaymentService.CardDetails cardDetails, String ip) {
        if (cardDetails == null
                || cardDetails.tokenId() == null
                || cardDetails.cvv() == null
                || !cardDetails.cvv().matches("\\d{3,4}")) {
            throw ApplicationException.invalid(
                    "card_required",
                    "Card required",
                    "a card payment is confirmed with payment_method (a token) and cvc");
        }
        var owners = new HashSet<String>(List.of("merchant:" + p.merchantId()));
        if (p.customerId() != null) {
            owners.add("customer:" + p.customerId());
        }
        // SCA of a card payment is the issuer's 3-D Secure challenge (requires_action); a payment that passed it
        // carries the authentication result to this authorisation, and is not challenged by the risk rules again
        var authenticated = p.state() instanceof PaymentState.RequiresConfirmation r ? r.authentication() : null;
        return sameCard(p, authenticated, cardDetails.tokenId())
                .chain(() -> vault.reveal(cardDetails.tokenId(), owners))
                .flatMap(c -> vault.fingerprint(c)
                        .chain(fingerprint -> risk.assess(p, fingerprint, c.first6(), ip))
                        .map(d -> new Screened(c, authenticated, d)));
    }

    /** The issuer authenticated one card: its result is never carried to an authorisation of another. */
    private Uni<Void> sameCard(PaymentIntent p, CardAuthentication authenticated, String tokenId) {
        if (authenticated == null) {
            return Uni.createFrom().voidItem();
        }
        return store.attachedCard(p.id())
                .invoke(attached -> {
                    if (!attached.map(tokenId::equals).orElse(false)) {
                        throw ApplicationException.invalid(
                                "card_not_authenticated",
                                "Another card",
                                "this payment passed 3-D Secure with another card: confirm it with that card, or start a new payment");
                    }
                })
                .replaceWithVoid();
    }

    /** Authorises at the acquirer; a timeout is resolved by a query, and when still unknown by a reversal: never guessed. */
    Uni<PaymentIntent> authorise(PaymentIntent p, Screened screened, String cvv) {
        if (!(p.state() instanceof PaymentState.Processing)) {
            return Uni.createFrom().item(p);
        }
        var card = screened.card();
        var authenticated = screened.authentication();
        var request = new Acquirer.AuthorisationRequest(
                p.id(), p.merchantId(), card.pan(), card.expMonth(), card.expYear(), cvv, p.amount(), authenticated);
        return acquirer.authorise(request)
                .flatMap(r -> r instanceof Acquirer.Result.Timeout
                        ? acquirer.query(p.id())
                        : Uni.createFrom().item(r))
                .flatMap(r -> r instanceof Acquirer.Result.Timeout
                        ? acquirer.reverse(p.id())
                                .replaceWith((Acquirer.Result) new Acquirer.Result.Declined("acquirer_timeout"))
                        : Uni.createFrom().item(r))
                .flatMap(r -> Panache.withTransaction(() -> store.lock(p.id())
                        .map(Optional::orElseThrow)
                        .flatMap(now -> authorisation(now, r, authenticated))))
                .flatMap(this::followCard);
    }

    private Uni<Transition.Applied> authorisation(
            PaymentIntent now, Acquirer.Result r, CardAuthentication authenticated) {
        return switch (r) {
            case Acquirer.Result.Approved a -> transitions.applied(now.authorised(a.authorization(), clock.instant()));
            case Acquirer.Result.Declined d ->
                transitions.applied(now.authorisationRefused(d.reasonCode(), clock.instant()));
            // challenged although authenticated: the authentication did not satisfy the issuer; never loop
            case Acquirer.Result.ChallengeRequired c
            when authenticated != null ->
                transitions.applied(now.authorisationRefused("authentication_failed", clock.instant()));
            case Acquirer.Result.ChallengeRequired c ->
                transitions
                        .applied(now.challengeRequired(clock.instant()))
                        .flatMap(a -> authentication.issueChallenge(a.intent()));
            case Acquirer.Result.Timeout t ->
                transitions.applied(now.authorisationRefused("acquirer_timeout", clock.instant()));
        };
    }

    /** Carries out the funding requests of a card payment's transition at the acquirer, then records the outcome. */
    public Uni<PaymentIntent> followCard(Transition.Applied a) {
        var p = a.intent();
        if (p.method() != MethodType.CARD) {
            return Uni.createFrom().item(p);
        }
        Uni<PaymentIntent> chain = Uni.createFrom().item(p);
        for (var e : a.events()) {
            chain = switch (e) {
                case PaymentEvent.CaptureRequested c ->
                    chain.chain(() -> acquirer.capture(c.authorization(), c.amount()))
                            .flatMap(ok -> locked(
                                    p.id(),
                                    now -> ok
                                            ? now.captured(c.amount().minor(), clock.instant())
                                            : now.captureRefused("capture_failed", clock.instant())));
                case PaymentEvent.ReleaseRequested r -> chain.call(() -> acquirer.reverse(p.id()));
                case PaymentEvent.RefundRequested r ->
                    chain.chain(() -> acquirer.refund(p.authorization().orElseThrow(), r.refundId(), r.amount()))
                            .flatMap(ok -> Panache.withTransaction(() -> store.lock(p.id())
                                            .map(Optional::orElseThrow)
                                            .flatMap(now -> refunds.refundOutcome(
                                                    now, r.refundId(), ok ? null : "refund_failed")))
                                    .chain(() -> Panache.withSession(() -> store.find(p.id()))
                                            .map(Optional::orElseThrow)));
                default -> chain;
            };
        }
        return chain;
    }

    private Uni<PaymentIntent> locked(String id, Function<PaymentIntent, Transition> action) {
        return Panache.withTransaction(() ->
                        store.lock(id).map(Optional::orElseThrow).flatMap(p -> transitions.applied(action.apply(p))))
                .flatMap(this::followCard);
    }
}

package io.payguard.payment.application;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.Money;
import io.payguard.kernel.failure.ApplicationException;
import io.payguard.payment.application.port.Acquirer;
import io.payguard.payment.application.port.IssuerAcs;
import io.payguard.payment.application.port.PaymentStore;
import io.payguard.payment.application.port.ReviewStore;
import io.payguard.payment.config.PaymentConfig;
import io.payguard.payment.domain.CaptureMethod;
import io.payguard.payment.domain.Card;
import io.payguard.payment.domain.CardAuthentication;
import io.payguard.payment.domain.MethodType;
import io.payguard.payment.domain.PaymentEvent;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.PaymentState;
import io.payguard.payment.domain.Refund;
import io.payguard.payment.domain.ScaChallenge;
import io.payguard.payment.domain.Transition;
import io.payguard.payment.domain.risk.RiskDecision;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The payment intent use cases. Each change locks the intent, applies the domain transition and writes the new
 * state with its events to the outbox in one transaction. Objects of another merchant (or, for a customer, another
 * customer) answer 404 as if they did not exist.
 */
@ApplicationScoped
public class PaymentService {

    /** Who is calling: a merchant, or a customer (confirming their own wallet payment). */
    public sealed interface Actor {
        record Merchant(String merchantId) implements Actor {}

        record Customer(String subject) implements Actor {}
    }

    public record Create(
            Money amount,
            String description,
            String customer,
            MethodType method,
            CaptureMethod captureMethod,
            Map<String, String> metadata) {}

    private final PaymentStore store;
    private final PaymentOutbox outbox;
    private final OutcomeSignals signals;
    private final Clock clock;
    private final PaymentConfig config;
    private final CardVault vault;
    private final Acquirer acquirer;
    private final RiskService risk;

    private final IssuerAcs acs;
    private final ReviewStore reviews;
    private final io.payguard.payment.config.RiskConfig riskConfig;

    public PaymentService(
            PaymentStore store,
            PaymentOutbox outbox,
            OutcomeSignals signals,
            Clock clock,
            PaymentConfig config,
            CardVault vault,
            Acquirer acquirer,
            RiskService risk,
            IssuerAcs acs,
            ReviewStore reviews,
            io.payguard.payment.config.RiskConfig riskConfig) {
        this.reviews = reviews;
        this.riskConfig = riskConfig;
        this.risk = risk;
        this.acs = acs;
        this.store = store;
        this.outbox = outbox;
        this.signals = signals;
        this.clock = clock;
        this.config = config;
        this.vault = vault;
        this.acquirer = acquirer;
    }

    /** The card of a card confirm: the token and the CVV, which goes to the authorisation once and nowhere else. */
    public record CardDetails(String tokenId, String cvv) {
        @Override
        public String toString() {
            return "CardDetails[" + tokenId + "]";
        }
    }

    /**
     * {@code tx} joins the transaction that inserts the intent (the idempotency key's claim and answer are stored
     * there), so an intent never exists without its key being complete.
     */
    public Uni<PaymentIntent> create(String merchantId, Create c, InTransaction<PaymentIntent> tx) {
        if (c.method() == MethodType.WALLET && c.customer() == null) {
            throw ApplicationException.invalid(
                    "customer_required", "Customer required", "a wallet payment needs the paying customer");
        }
        var created = PaymentIntent.create(
                "pi_" + compactId(),
                merchantId,
                c.customer(),
                c.amount(),
                c.description(),
                c.method(),
                c.captureMethod(),
                c.metadata(),
                clock.instant());
        return Panache.withTransaction(() -> tx.begin()
                        .chain(() -> store.insert(created.intent()))
                        .chain(() -> outbox.publish(created.intent(), created.events()))
                        .chain(() -> tx.end(created.intent())))
                .replaceWith(created.intent());
    }

    public Uni<PaymentIntent> get(String merchantId, String id) {
        return Panache.withSession(() -> store.find(id)).map(found -> owned(found, merchantId));
    }

    public Uni<List<PaymentStore.Listed>> list(PaymentStore.ListQuery query) {
        return Panache.withSession(() -> store.list(query));
    }

    public Uni<List<Refund>> refunds(String merchantId, String id) {
        return Panache.withSession(
                () -> store.find(id).map(found -> owned(found, merchantId)).chain(p -> store.refundsOf(p.id())));
    }

    /**
     * Confirms; then, while the funding side is working, waits up to {@code payguard.payment.confirm-wait} for the
     * outcome and answers the state reached (possibly still {@code processing}). A wallet payment is confirmed only by
     * its customer: a merchant can never debit a wallet on its own.
     */
    public Uni<PaymentIntent> confirm(
            Actor actor,
            String id,
            MethodType method,
            CardDetails cardDetails,
            String ip,
            InTransaction<PaymentIntent> tx) {
        long deadline = System.nanoTime() + config.confirmWait().toNanos();
        Card[] card = new Card[1];
        CardAuthentication[] authentication = new CardAuthentication[1];
        return awaitingOutcome(
                id,
                signal -> Panache.withTransaction(() -> tx.begin()
                                .chain(() -> store.lock(id))
                                .flatMap(found -> {
                                    var p = switch (actor) {
                                        case Actor.Merchant m -> owned(found, m.merchantId());
                                        case Actor.Customer c ->
                                            found.filter(x -> c.subject().equals(x.customerId()))
                                                    .orElseThrow(PaymentService::notFound);
                                    };
                                    var chosen = p.method() != null ? p.method() : method;
                                    if (chosen == MethodType.WALLET && !(actor instanceof Actor.Customer)) {
                                        throw ApplicationException.notPermitted(
                                                "customer_authorisation_required",
                                                "The customer must confirm",
                                                "a wallet payment is confirmed with the paying customer's own token");
                                    }
                                    if (chosen != MethodType.CARD) {
                                        return risk.assess(p, null, null, ip).flatMap(d -> decide(p, method, d));
                                    }
                                    if (cardDetails == null
                                            || cardDetails.tokenId() == null
                                            || cardDetails.cvv() == null
                                            || !cardDetails.cvv().matches("\\d{3,4}")) {
                                        throw ApplicationException.invalid(
                                                "card_required",
                                                "Card required",
                                                "a card payment is confirmed with payment_method (a token) and cvc");
                                    }
                                    var owners = new java.util.HashSet<String>(List.of("merchant:" + p.merchantId()));
                                    if (p.customerId() != null) {
                                        owners.add("customer:" + p.customerId());
                                    }
                                    // SCA of a card payment is the issuer's 3-D Secure challenge (requires_action); a
                                    // payment that passed it
                                    // carries the authentication result to this authorisation, and is not challenged by
                                    // the risk rules again
                                    if (p.state() instanceof PaymentState.RequiresConfirmation r) {
                                        authentication[0] = r.authentication();
                                    }
                                    // the issuer authenticated one card: its result is never carried to an
                                    // authorisation of another
                                    Uni<Void> sameCard = authentication[0] == null
                                            ? Uni.createFrom().voidItem()
                                            : store.attachedCard(p.id())
                                                    .invoke(attached -> {
                                                        if (!attached.map(cardDetails.tokenId()::equals)
                                                                .orElse(false)) {
                                                            throw ApplicationException.invalid(
                                                                    "card_not_authenticated",
                                                                    "Another card",
                                                                    "this payment passed 3-D Secure with another card: confirm it with that card, or start a new payment");
                                                        }
                                                    })
                                                    .replaceWithVoid();
                                    return sameCard.chain(() -> vault.reveal(cardDetails.tokenId(), owners))
                                            .invoke(c -> card[0] = c)
                                            .chain(c -> vault.fingerprint(c)
                                                    .chain(fingerprint -> risk.assess(p, fingerprint, c.first6(), ip)))
                                            .flatMap(d -> decide(p, method, d))
                                            .call(a -> store.attachCard(p.id(), cardDetails.tokenId()));
                                })
                                .call(a -> tx.end(a.intent())))
                        .flatMap(a -> card[0] == null
                                ? awaitOutcome(a.intent(), signal, deadline)
                                : authorise(a.intent(), card[0], cardDetails.cvv(), authentication[0])));
    }

    private Uni<Transition.Applied> decide(PaymentIntent p, MethodType method, RiskDecision d) {
        var now = clock.instant();
        return switch (d.outcome()) {
            case DECLINE -> applied(p.decline("risk_declined", now));
            case REQUIRE_SCA ->
                applied(p.confirm(method, true, now))
                        .flatMap(a -> a.intent().state() instanceof PaymentState.RequiresAction
                                ? issueChallenge(a.intent())
                                : Uni.createFrom().item(a));
            case REVIEW -> review(p, method, d, now);
            case ALLOW -> applied(p.confirm(method, false, now));
        };
    }

    /**
     * Review: the payment is authorised without capture and waits in {@code requires_review} for an operator
     * ({@link ReviewService}); strong authentication still comes first when a rule asks for it. The review expires
     * {@code payguard.risk.review.ttl} after this decision.
     */
    private Uni<Transition.Applied> review(PaymentIntent p, MethodType method, RiskDecision d, java.time.Instant now) {
        boolean sca = d.findings().stream().anyMatch(f -> f.outcome() == RiskDecision.Outcome.REQUIRE_SCA);
        return reviews.requested(
                        p.id(),
                        p.merchantId(),
                        d.findings(),
                        now,
                        now.plus(riskConfig.review().ttl()))
                .chain(() -> applied(p.confirm(method, sca, true, now)))
                .flatMap(a -> a.intent().state() instanceof PaymentState.RequiresAction
                        ? issueChallenge(a.intent())
                        : Uni.createFrom().item(a));
    }

    /** Sends a new one-time code (wallet SCA or the issuer's 3-D Secure challenge) and records its id on the intent. */
    private Uni<Transition.Applied> issueChallenge(PaymentIntent p) {
        return risk.challenge(p).flatMap(challengeId -> applied(p.challengeIssued(challengeId, clock.instant())));
    }

    private record Authentication(PaymentIntent intent, ApplicationException problem) {}

    /**
     * The customer answers the one-time-code challenge. The attempt is committed before a wrong code is reported;
     * the fifth wrong code fails the payment; an expired code is replaced by a new one.
     */
    public Uni<PaymentIntent> authenticate(String customer, String id, String code, InTransaction<PaymentIntent> tx) {
        long deadline = System.nanoTime() + config.confirmWait().toNanos();
        return awaitingOutcome(
                id,
                signal -> Panache.withTransaction(() -> tx.begin()
                                .chain(() -> store.lock(id))
                                .flatMap(found -> {
                                    var p = outstanding(customer, found);
                                    return risk.verify(p, code).flatMap(outcome -> switch (outcome) {
                                        // a card payment goes back to requires_confirmation with the ACS's result: the
                                        // CVV was not kept
                                        case ScaChallenge.Outcome.Passed ok
                                        when p.method() == MethodType.CARD ->
                                            applied(p.authenticated(
                                                            acs.authenticated(p.id(), p.amount()), clock.instant()))
                                                    .map(a -> new Authentication(a.intent(), null));
                                        case ScaChallenge.Outcome.Passed ok ->
                                            applied(p.actionCompleted(clock.instant()))
                                                    .map(a -> new Authentication(a.intent(), null));
                                        case ScaChallenge.Outcome.Wrong w
                                        when w.attemptsLeft() > 0 ->
                                            Uni.createFrom()
                                                    .item(new Authentication(
                                                            p,
                                                            ApplicationException.invalid(
                                                                    "sca_code_invalid",
                                                                    "Wrong code",
                                                                    w.attemptsLeft() + " attempts left")));
                                        case ScaChallenge.Outcome.Wrong w ->
                                            applied(p.actionFailed("authentication_failed", clock.instant()))
                                                    .map(a -> new Authentication(a.intent(), null));
                                        case ScaChallenge.Outcome.Unusable u
                                        when "expired".equals(u.reason()) ->
                                            issueChallenge(p)
                                                    .map(a -> new Authentication(
                                                            a.intent(),
                                                            ApplicationException.invalid(
                                                                    "sca_code_expired",
                                                                    "Code expired",
                                                                    "the code expired; a new one was sent")));
                                        case ScaChallenge.Outcome.Unusable u ->
                                            applied(p.actionFailed("authentication_failed", clock.instant()))
                                                    .map(a -> new Authentication(a.intent(), null));
                                    });
                                })
                                .call(r -> r.problem() == null
                                        ? tx.end(r.intent())
                                        : Uni.createFrom().voidItem()))
                        .flatMap(r -> r.problem() != null
                                ? Uni.createFrom().failure(r.problem())
                                : awaitOutcome(r.intent(), signal, deadline)));
    }

    private static PaymentIntent outstanding(String customer, Optional<PaymentIntent> found) {
        var p = found.filter(x -> customer.equals(x.customerId())).orElseThrow(PaymentService::notFound);
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
                            apply(p.challengeIssued(r.challenge().id(), clock.instant()));
                        case ScaChallenge.Resend.Refused r
                        when "too_soon".equals(r.reason()) ->
                            Uni.createFrom()
                                    .failure(ApplicationException.tooSoon(
                                            "sca_resend_too_soon",
                                            "Too soon for a new code",
                                            "a new code can be sent in "
                                                    + Math.max(
                                                            1, (r.retryAfter().toMillis() + 999) / 1000) + " seconds",
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

    /** Authorises at the acquirer; a timeout is resolved by a query, and when still unknown by a reversal: never guessed. */
    private Uni<PaymentIntent> authorise(PaymentIntent p, Card card, String cvv, CardAuthentication authentication) {
        if (!(p.state() instanceof PaymentState.Processing)) {
            return Uni.createFrom().item(p);
        }
        var request = new Acquirer.AuthorisationRequest(
                p.id(), p.merchantId(), card.pan(), card.expMonth(), card.expYear(), cvv, p.amount(), authentication);
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
                        .flatMap(now -> switch (r) {
                            case Acquirer.Result.Approved a ->
                                applied(now.authorised(a.authorization(), clock.instant()));
                            case Acquirer.Result.Declined d ->
                                applied(now.authorisationRefused(d.reasonCode(), clock.instant()));
                            // challenged although authenticated: the authentication did not satisfy the issuer; never
                            // loop
                            case Acquirer.Result.ChallengeRequired c
                            when authentication != null ->
                                applied(now.authorisationRefused("authentication_failed", clock.instant()));
                            case Acquirer.Result.ChallengeRequired c ->
                                applied(now.challengeRequired(clock.instant()))
                                        .flatMap(a -> issueChallenge(a.intent()));
                            case Acquirer.Result.Timeout t ->
                                applied(now.authorisationRefused("acquirer_timeout", clock.instant()));
                        })))
                .flatMap(this::followCard);
    }

    /** Carries out the funding requests of a card payment's transition at the acquirer, then records the outcome. */
    Uni<PaymentIntent> followCard(Transition.Applied a) {
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
                                            .flatMap(now ->
                                                    refundOutcome(now, r.refundId(), ok ? null : "refund_failed")))
                                    .chain(() -> Panache.withSession(() -> store.find(p.id()))
                                            .map(Optional::orElseThrow)));
                default -> chain;
            };
        }
        return chain;
    }

    private Uni<PaymentIntent> locked(String id, java.util.function.Function<PaymentIntent, Transition> action) {
        return Panache.withTransaction(
                        () -> store.lock(id).map(Optional::orElseThrow).flatMap(p -> applied(action.apply(p))))
                .flatMap(this::followCard);
    }

    /** Records the answer to a pending refund (from the wallet or the acquirer). Inside a transaction, intent locked. */
    public Uni<Void> refundOutcome(PaymentIntent p, String refundId, String refusal) {
        return store.findRefund(refundId).flatMap(found -> {
            var refund = found.filter(r ->
                            r.paymentId().equals(p.id()) && (r.pending() || (refusal != null && r.awaitingWallet())))
                    .orElse(null);
            if (refund == null) {
                return Uni.createFrom().voidItem();
            }
            var now = clock.instant();
            Refund done = refusal == null ? refund.succeeded() : refund.failed(refusal);
            var t = refusal == null
                    ? p.refundCompleted(refundId, refund.amount().minor(), now)
                    : p.refundFailed(refundId, refund.amount().minor(), refusal, now);
            return store.updateRefund(done).chain(() -> apply(t)).replaceWithVoid();
        });
    }

    public Uni<PaymentIntent> capture(String merchantId, String id, Long amount, InTransaction<PaymentIntent> tx) {
        long deadline = System.nanoTime() + config.confirmWait().toNanos();
        return awaitingOutcome(
                id,
                signal -> change(merchantId, id, p -> p.capture(amount, clock.instant()), tx)
                        .flatMap(this::followCard)
                        .flatMap(p -> awaitOutcome(p, signal, deadline)));
    }

    public Uni<PaymentIntent> cancel(String merchantId, String id, String reason, InTransaction<PaymentIntent> tx) {
        return change(merchantId, id, p -> p.cancel(reason, clock.instant()), tx)
                .flatMap(this::followCard);
    }

    /** {@code tx} joins the transaction that records the pending refund (see {@link #create}). */
    public Uni<Refund> refund(String merchantId, String id, Long amount, InTransaction<Refund> tx) {
        var refundId = "re_" + compactId();
        return Panache.withTransaction(() -> tx.begin()
                        .chain(() -> store.lock(id))
                        .map(found -> owned(found, merchantId))
                        .flatMap(p -> requestRefund(p, refundId, amount)
                                .call(a -> store.findRefund(refundId)
                                        .map(Optional::orElseThrow)
                                        .flatMap(tx::end))))
                .flatMap(this::followCard)
                .chain(() -> Panache.withSession(() -> store.findRefund(refundId)))
                .map(Optional::orElseThrow);
    }

    /**
     * Records a pending refund of {@code amount} (null: all that is left) of the locked payment {@code p}, in the caller's
     * transaction; the caller carries it out with {@link #followCard} after the commit (a card refund left pending is
     * sent by the recovery).
     */
    Uni<Transition.Applied> requestRefund(PaymentIntent p, String refundId, Long amount) {
        return requestRefund(p, refundId, amount, Refund.Status.PENDING);
    }

    /** As {@link #requestRefund(PaymentIntent, String, Long)}, the refund recorded in {@code status} (a top-up's: awaiting the wallet). */
    Uni<Transition.Applied> requestRefund(PaymentIntent p, String refundId, Long amount, Refund.Status status) {
        return applied(p.refund(refundId, amount, clock.instant())).call(a -> {
            var requested = ((PaymentEvent.RefundRequested) a.events().get(0)).amount();
            return store.insertRefund(new Refund(refundId, p.id(), requested, status, null, clock.instant()));
        });
    }

    static String refundId() {
        return "re_" + compactId();
    }

    private Uni<Transition.Applied> change(
            String merchantId,
            String id,
            java.util.function.Function<PaymentIntent, Transition> action,
            InTransaction<PaymentIntent> tx) {
        return Panache.withTransaction(() -> tx.begin()
                .chain(() -> store.lock(id))
                .map(found -> owned(found, merchantId))
                .flatMap(p -> applied(action.apply(p)))
                .call(a -> tx.end(a.intent())));
    }

    /** Writes an applied transition with its events; a rejected one becomes a problem (409 with the current state, or 400). */
    Uni<PaymentIntent> apply(Transition t) {
        return applied(t).map(Transition.Applied::intent);
    }

    Uni<Transition.Applied> applied(Transition t) {
        return switch (t) {
            case Transition.Applied a ->
                store.update(a.intent())
                        .chain(() -> outbox.publish(a.intent(), a.events()))
                        .chain(() -> trackReview(a))
                        .replaceWith(a);
            case Transition.Rejected r
            when Transition.Rejected.INVALID_AMOUNT.equals(r.code()) ->
                Uni.createFrom().failure(ApplicationException.invalid("invalid_amount", "Invalid amount", r.detail()));
            case Transition.Rejected r -> Uni.createFrom().failure(new PaymentConflict(r.currentStatus(), r.detail()));
        };
    }

    /** Keeps the payment's review record in step with its state, in the transition's transaction. */
    private Uni<Void> trackReview(Transition.Applied a) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var e : a.events()) {
            if (e instanceof PaymentEvent.ReviewOpened) {
                chain = chain.chain(
                        () -> reviews.opened(a.intent().id(), a.intent().updatedAt()));
            } else if (e instanceof PaymentEvent.ReviewClosed c) {
                chain = chain.chain(() -> reviews.closed(
                        a.intent().id(),
                        c.outcome(),
                        c.reviewer(),
                        c.reason(),
                        a.intent().updatedAt()));
            }
        }
        return chain;
    }

    /**
     * Runs a use case that may wait for the payment's funding answer ({@link #awaitOutcome}) with a signal registered
     * before its transaction, so an answer applied right after the commit cannot be missed; the signal is given up
     * however the use case ends (answered, failed, or with nothing to wait for).
     */
    Uni<PaymentIntent> awaitingOutcome(
            String id, java.util.function.Function<OutcomeSignals.Signal, Uni<PaymentIntent>> useCase) {
        var signal = signals.register(id);
        return useCase.apply(signal).onTermination().invoke(() -> signals.forget(id, signal));
    }

    /**
     * Waits for the funding answer of a payment in {@code processing}, until the deadline. {@code signal} was
     * registered before the transaction that started the processing committed, so an answer applied on this replica
     * in between is not missed; it carries the payment as that answer left it. Without a signal (the answer was
     * applied by another replica, or the deadline passed) the payment is read from the database.
     */
    Uni<PaymentIntent> awaitOutcome(PaymentIntent p, OutcomeSignals.Signal signal, long deadline) {
        long left = deadline - System.nanoTime();
        if (!(p.state() instanceof PaymentState.Processing) || left <= 0) {
            return Uni.createFrom().item(p);
        }
        return signals.await(p.id(), signal, Duration.of(left, java.time.temporal.ChronoUnit.NANOS))
                .flatMap(applied -> {
                    if (applied != null && !(applied.state() instanceof PaymentState.Processing)) {
                        return Uni.createFrom().item(applied);
                    }
                    // woken without a final state (or timed out): read it; wait again on a fresh signal while time is
                    // left
                    return awaitingOutcome(
                            p.id(),
                            next -> Panache.withSession(() -> store.find(p.id()))
                                    .map(Optional::orElseThrow)
                                    .flatMap(now -> awaitOutcome(now, next, deadline)));
                });
    }

    private static PaymentIntent owned(Optional<PaymentIntent> found, String merchantId) {
        return found.filter(p -> p.merchantId().equals(merchantId)).orElseThrow(PaymentService::notFound);
    }

    static ApplicationException notFound() {
        return ApplicationException.notFound("payment_intent_not_found", "No such payment intent", null);
    }

    private static String compactId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}

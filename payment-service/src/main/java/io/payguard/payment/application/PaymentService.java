package io.payguard.payment.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.Money;
import io.payguard.kernel.failure.ApplicationException;
import io.payguard.payment.application.port.PaymentStore;
import io.payguard.payment.application.port.ReviewStore;
import io.payguard.payment.config.RiskConfig;
import io.payguard.payment.domain.CaptureMethod;
import io.payguard.payment.domain.MethodType;
import io.payguard.payment.domain.PaymentChannel;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.PaymentState;
import io.payguard.payment.domain.Refund;
import io.payguard.payment.domain.Transition;
import io.payguard.payment.domain.risk.AuthenticationLevel;
import io.payguard.payment.domain.risk.RiskDecision;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The payment intent use cases. Each change locks the intent, applies the domain transition and writes the new
 * state with its events to the outbox in one transaction ({@link IntentTransitions}); a card is funded through
 * {@link CardFunding}, a wallet through the saga, and a use case that waits for the funding answer does so with
 * {@link OutcomeWait}. Objects of another merchant (or, for a customer, another customer) answer 404 as if they did
 * not exist.
 */
@ApplicationScoped
public class PaymentService {

    @jakarta.inject.Inject
    DeviceConfirmation device;

    /** Who is calling: a merchant, or a customer (confirming their own wallet payment). */
    public sealed interface Actor {
        record Merchant(String merchantId) implements Actor {}

        /**
         * {@code level}: how strongly the customer is authenticated for this confirm (the barcode limits depend on it);
         * C unless something stronger is known (a payment code carries the level it was created with).
         */
        record Customer(String subject, AuthenticationLevel level) implements Actor {
            public Customer {
                level = level == null ? AuthenticationLevel.C : level;
            }

            public Customer(String subject) {
                this(subject, AuthenticationLevel.C);
            }
        }
    }

    public record Create(
            Money amount,
            String description,
            String customer,
            MethodType method,
            CaptureMethod captureMethod,
            Map<String, String> metadata) {}

    /** The card of a card confirm: the token and the CVV, which goes to the authorisation once and nowhere else. */
    public record CardDetails(String tokenId, String cvv) {
        @Override
        public String toString() {
            return "CardDetails[" + tokenId + "]";
        }
    }

    private final PaymentStore store;
    private final PaymentOutbox outbox;
    private final IntentTransitions transitions;
    private final OutcomeWait waits;
    private final CardFunding cards;
    private final Refunds refunds;
    private final StrongAuthentication authentication;
    private final RiskService risk;
    private final ReviewStore reviews;
    private final RiskConfig riskConfig;
    private final Clock clock;
    private final ClientSecrets clientSecrets;

    public PaymentService(
            PaymentStore store,
            PaymentOutbox outbox,
            IntentTransitions transitions,
            OutcomeWait waits,
            CardFunding cards,
            Refunds refunds,
            StrongAuthentication authentication,
            RiskService risk,
            ReviewStore reviews,
            RiskConfig riskConfig,
            Clock clock,
            ClientSecrets clientSecrets) {
        this.store = store;
        this.outbox = outbox;
        this.transitions = transitions;
        this.waits = waits;
        this.cards = cards;
        this.refunds = refunds;
        this.authentication = authentication;
        this.risk = risk;
        this.reviews = reviews;
        this.riskConfig = riskConfig;
        this.clock = clock;
        this.clientSecrets = clientSecrets;
    }

    /**
     * {@code tx} joins the transaction that inserts the intent (the idempotency key's claim and answer are stored
     * there), so an intent never exists without its key being complete. A wallet payment created without its customer
     * is an in-app payment: the answer carries a client secret, shown once, kept only as its SHA-256
     * ({@link ClientSecrets}); the app confirms with it and the customer's own token.
     */
    public Uni<Created> createIntent(String merchantId, Create c, InTransaction<Created> tx) {
        boolean inApp = c.method() == MethodType.WALLET && c.customer() == null;
        return Panache.withTransaction(() -> tx.begin()
                .chain(() -> insertNew(merchantId, c, PaymentChannel.API, newIntentId()))
                .flatMap(p -> inApp
                        ? clientSecrets.issue(p).map(s -> new Created(p, s))
                        : Uni.createFrom().item(new Created(p, null)))
                .call(tx::end));
    }

    /** A new intent of {@code merchantId} (a top-up's card payment, say), without client secret; see {@link #createIntent}. */
    public Uni<PaymentIntent> create(String merchantId, Create c, InTransaction<PaymentIntent> tx) {
        return Panache.withTransaction(() -> tx.begin()
                .chain(() -> insertNew(merchantId, c, PaymentChannel.API, newIntentId()))
                .call(tx::end));
    }

    /** A new intent and what the caller sees once: its client secret (in-app payments only, else null). */
    public record Created(PaymentIntent intent, String clientSecret) {
        @Override
        public String toString() {
            return "Created[" + intent.id() + "]";
        }
    }

    /** A new payment intent id: {@code pi_} and 32 hex digits. */
    public static String newIntentId() {
        return "pi_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Inserts a new intent initiated through {@code channel}, with its events, in the caller's transaction. */
    public Uni<PaymentIntent> insertNew(String merchantId, Create c, PaymentChannel channel, String id) {
        var created = PaymentIntent.create(
                id,
                merchantId,
                c.customer(),
                c.amount(),
                c.description(),
                c.method(),
                c.captureMethod(),
                c.metadata(),
                channel,
                clock.instant());
        return store.insert(created.intent())
                .chain(() -> outbox.publish(created.intent(), created.events()))
                .replaceWith(created.intent());
    }

    public Uni<PaymentIntent> get(String merchantId, String id) {
        return Panache.withSession(() -> store.find(id)).map(found -> IntentTransitions.owned(found, merchantId));
    }

    public Uni<List<PaymentStore.Listed>> list(PaymentStore.ListQuery query) {
        return Panache.withSession(() -> store.list(query));
    }

    public Uni<List<Refund>> refunds(String merchantId, String id) {
        return Panache.withSession(() -> store.find(id)
                .map(found -> IntentTransitions.owned(found, merchantId))
                .chain(p -> store.refundsOf(p.id())));
    }

    /**
     * Confirms; then, while the funding side is working, waits up to {@code payguard.payment.confirm-wait} for the
     * outcome and answers the state reached (possibly still {@code processing}). A wallet payment is confirmed only by
     * its customer: a merchant can never debit a wallet on its own. A card payment is authorised after the commit.
     */
    public Uni<PaymentIntent> confirm(
            Actor actor,
            String id,
            MethodType method,
            CardDetails cardDetails,
            String ip,
            InTransaction<PaymentIntent> tx) {
        return confirm(
                actor, id, method, cardDetails, ip, tx, () -> Uni.createFrom().voidItem(), Uni.createFrom()::item);
    }

    /**
     * The app of an in-app payment confirms it for its logged-in customer with the intent's client secret: the secret
     * attaches the customer to an intent created without one, then the confirm goes on as the customer's. A wrong or
     * missing secret, or another customer's intent, answers 404. The secret cannot change anything but who pays.
     */
    public Uni<PaymentIntent> confirmWithSecret(
            String customer,
            String id,
            String clientSecret,
            MethodType method,
            String ip,
            InTransaction<PaymentIntent> tx) {
        return confirm(
                new Actor.Customer(customer),
                id,
                method,
                null,
                ip,
                tx,
                () -> Uni.createFrom().voidItem(),
                found -> clientSecrets
                        .matches(id, clientSecret)
                        .flatMap(ok ->
                                ok ? attach(found, customer) : Uni.createFrom().item(found)));
    }

    /**
     * A customer pays a wallet intent they did not create (a scanned QR code): in the confirm's one transaction,
     * {@code prepare} runs first (claims the code, or inserts the intent of a static code), then the customer is
     * attached to the intent {@code id} if it has none, then it is confirmed as theirs (risk, SCA, wallet saga).
     */
    public Uni<PaymentIntent> attachAndConfirm(
            String customer, String id, Supplier<Uni<Void>> prepare, String ip, InTransaction<PaymentIntent> tx) {
        return confirm(
                new Actor.Customer(customer),
                id,
                MethodType.WALLET,
                null,
                ip,
                tx,
                prepare,
                found -> attach(found, customer));
    }

    /** Attaches the customer to an intent that has none (a no-op for one that is already theirs). */
    private Uni<Optional<PaymentIntent>> attach(Optional<PaymentIntent> found, String customer) {
        if (found.isEmpty() || found.get().customerId() != null) {
            return Uni.createFrom().item(found);
        }
        return transitions
                .applied(found.get().attachCustomer(customer, clock.instant()))
                .map(a -> Optional.of(a.intent()));
    }

    private Uni<PaymentIntent> confirm(
            Actor actor,
            String id,
            MethodType method,
            CardDetails cardDetails,
            String ip,
            InTransaction<PaymentIntent> tx,
            Supplier<Uni<Void>> prepare,
            Function<Optional<PaymentIntent>, Uni<Optional<PaymentIntent>>> ready) {
        long deadline = waits.deadline();
        var screened = new CardFunding.Screened[1];
        return waits.awaitingOutcome(
                id,
                signal -> Panache.withTransaction(() -> tx.begin()
                                .chain(() -> prepare.get())
                                .chain(() -> store.lock(id))
                                .flatMap(found -> ready.apply(found))
                                .flatMap(found -> {
                                    var p = confirmable(actor, found, method);
                                    if (chosen(p, method) != MethodType.CARD) {
                                        return risk.assess(p, null, null, ip, level(actor))
                                                .flatMap(d -> decide(p, method, d));
                                    }
                                    return cards.screen(p, cardDetails, ip)
                                            .invoke(s -> screened[0] = s)
                                            .flatMap(s -> decide(p, method, s.decision()))
                                            .call(a -> store.attachCard(p.id(), cardDetails.tokenId()));
                                })
                                .call(a -> tx.end(a.intent())))
                        .flatMap(a -> screened[0] == null
                                ? waits.awaitOutcome(a.intent(), signal, deadline)
                                : cards.authorise(a.intent(), screened[0], cardDetails.cvv())));
    }

    /** The locked intent the actor may confirm with {@code method}: a wallet payment only by its own customer. */
    private static PaymentIntent confirmable(Actor actor, Optional<PaymentIntent> found, MethodType method) {
        var p = switch (actor) {
            case Actor.Merchant m -> IntentTransitions.owned(found, m.merchantId());
            case Actor.Customer c ->
                found.filter(x -> c.subject().equals(x.customerId())).orElseThrow(IntentTransitions::notFound);
        };
        if (chosen(p, method) == MethodType.WALLET && !(actor instanceof Actor.Customer)) {
            throw ApplicationException.notPermitted(
                    "customer_authorisation_required",
                    "The customer must confirm",
                    "a wallet payment is confirmed with the paying customer's own token");
        }
        return p;
    }

    private static AuthenticationLevel level(Actor actor) {
        return actor instanceof Actor.Customer c ? c.level() : AuthenticationLevel.C;
    }

    /** The method the payment is confirmed with: the one it was created with, else the confirm's. */
    private static MethodType chosen(PaymentIntent p, MethodType method) {
        return p.method() != null ? p.method() : method;
    }

    private Uni<Transition.Applied> decide(PaymentIntent p, MethodType method, RiskDecision d) {
        var now = clock.instant();
        return switch (d.outcome()) {
            case DECLINE -> transitions.applied(p.decline("risk_declined", declining(d), now));
            case REQUIRE_SCA -> challenged(transitions.applied(p.confirm(method, true, now)));
            case REVIEW -> review(p, method, d, now);
            case ALLOW -> transitions.applied(p.confirm(method, false, now));
        };
    }

    /** The rule ids of the findings that declined: what the failed payment reports ({@code risk_rules}). */
    private static List<String> declining(RiskDecision d) {
        return d.findings().stream()
                .filter(f -> f.outcome() == RiskDecision.Outcome.DECLINE)
                .map(RiskDecision.Finding::ruleId)
                .toList();
    }

    /**
     * Review: the payment is authorised without capture and waits in {@code requires_review} for an operator
     * ({@link ReviewService}); strong authentication still comes first when a rule asks for it. The review expires
     * {@code payguard.risk.review.ttl} after this decision.
     */
    private Uni<Transition.Applied> review(PaymentIntent p, MethodType method, RiskDecision d, Instant now) {
        boolean sca = d.findings().stream().anyMatch(f -> f.outcome() == RiskDecision.Outcome.REQUIRE_SCA);
        return reviews.requested(
                        p.id(),
                        p.merchantId(),
                        d.findings(),
                        now,
                        now.plus(riskConfig.review().ttl()))
                .chain(() -> challenged(transitions.applied(p.confirm(method, sca, true, now))));
    }

    /** A confirm that asks for strong authentication sends the customer's challenge. */
    private Uni<Transition.Applied> challenged(Uni<Transition.Applied> confirmed) {
        return confirmed.flatMap(a -> a.intent().state() instanceof PaymentState.RequiresAction
                ? authentication.issueChallenge(a.intent())
                : Uni.createFrom().item(a));
    }

    /** The customer answers the one-time-code challenge ({@link StrongAuthentication#authenticate}). */
    public Uni<PaymentIntent> authenticate(String customer, String id, String code, InTransaction<PaymentIntent> tx) {
        return authentication.authenticate(customer, id, code, tx);
    }

    /** How the customer can answer the challenge ({@link DeviceConfirmation#options}). */
    public Uni<DeviceConfirmation.Options> authenticationOptions(String customer, String id) {
        return device.options(customer, id);
    }

    /** The customer answers with a device-bound confirmation ({@link StrongAuthentication#authenticateWithDevice}). */
    public Uni<PaymentIntent> authenticateWithDevice(
            String customer,
            String id,
            io.payguard.payment.application.port.WebAuthnVerifier.Assertion assertion,
            InTransaction<PaymentIntent> tx) {
        return authentication.authenticateWithDevice(customer, id, assertion, tx);
    }

    /** The customer asks for a new one-time code ({@link StrongAuthentication#resendCode}). */
    public Uni<PaymentIntent> resendCode(String customer, String id, InTransaction<PaymentIntent> tx) {
        return authentication.resendCode(customer, id, tx);
    }

    public Uni<PaymentIntent> capture(String merchantId, String id, Long amount, InTransaction<PaymentIntent> tx) {
        long deadline = waits.deadline();
        return waits.awaitingOutcome(
                id,
                signal -> change(merchantId, id, p -> p.capture(amount, clock.instant()), tx)
                        .flatMap(cards::followCard)
                        .flatMap(p -> waits.awaitOutcome(p, signal, deadline)));
    }

    public Uni<PaymentIntent> cancel(String merchantId, String id, String reason, InTransaction<PaymentIntent> tx) {
        return change(merchantId, id, p -> p.cancel(reason, clock.instant()), tx)
                .flatMap(cards::followCard);
    }

    /** {@code tx} joins the transaction that records the pending refund (see {@link #create}). */
    public Uni<Refund> refund(String merchantId, String id, Long amount, InTransaction<Refund> tx) {
        var refundId = Refunds.refundId();
        return Panache.withTransaction(() -> tx.begin()
                        .chain(() -> store.lock(id))
                        .map(found -> IntentTransitions.owned(found, merchantId))
                        .flatMap(p -> refunds.requestRefund(p, refundId, amount)
                                .call(a -> store.findRefund(refundId)
                                        .map(Optional::orElseThrow)
                                        .flatMap(tx::end))))
                .flatMap(cards::followCard)
                .chain(() -> Panache.withSession(() -> store.findRefund(refundId)))
                .map(Optional::orElseThrow);
    }

    private Uni<Transition.Applied> change(
            String merchantId, String id, Function<PaymentIntent, Transition> action, InTransaction<PaymentIntent> tx) {
        return transitions.change(id, found -> IntentTransitions.owned(found, merchantId), action, tx);
    }
}

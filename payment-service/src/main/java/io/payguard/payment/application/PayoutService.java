package io.payguard.payment.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.payguard.kernel.Money;
import io.payguard.kernel.failure.ApplicationException;
import io.payguard.payment.application.port.PaymentEvents;
import io.payguard.payment.application.port.PaymentStore;
import io.payguard.payment.application.port.PayoutRail;
import io.payguard.payment.application.port.PayoutStore;
import io.payguard.payment.application.port.WalletCommands;
import io.payguard.payment.domain.BankAccount;
import io.payguard.payment.domain.Payout;
import io.payguard.platform.messaging.DueWork;
import io.payguard.platform.messaging.PeriodicTask;
import io.payguard.platform.messaging.ProcessedEvents;
import io.payguard.platform.protection.envelope.BlindIndex;
import io.payguard.platform.protection.envelope.FieldContext;
import io.payguard.platform.protection.envelope.FieldEncryptor;
import io.payguard.platform.protection.envelope.FieldValue;
import io.payguard.platform.protection.quarkus.KmsCalls;
import io.payguard.platform.protection.quarkus.SubjectKeys;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Payouts from a customer's wallet to their own bank account (issue 13 item 2), and the bank accounts themselves.
 * <ol>
 * <li>The payout is recorded and a {@code payout.hold} wallet command written in one transaction: the wallet holds the
 * amount (class limits apply) or refuses.</li>
 * <li>Held: the payout goes to the bank through the {@link PayoutRail} after the commit. Paid → {@code payout.settle}
 * (only now is the wallet debited, into withdrawal clearing); rejected → {@code hold.void}, failed; no answer → it stays
 * {@code sent} and is resolved by {@link PayoutRail#query}, never guessed (the hold stays).</li>
 * <li>A paid payout the bank returns (its return feed) is credited back with {@code payout.return}.</li>
 * </ol>
 * Account numbers and holders' names are encrypted with the owner's data key (protection kit), like card numbers.
 */
@ApplicationScoped
public class PayoutService {

    private static final Logger LOG = Logger.getLogger(PayoutService.class);
    public static final String ACCOUNT_TABLE = "bank_account";

    private final PayoutStore store;
    private final PaymentStore commands;
    private final PayoutRail rail;
    private final PaymentEvents facts;
    private final WalletCommands wallet;
    private final ProcessedEvents processed;
    private final SubjectKeys keys;
    private final FieldEncryptor fields;
    private final BlindIndex blindIndex;
    private final KmsCalls kmsCalls;
    private final Clock clock;
    private final Vertx vertx;
    private final Duration holdTtl;
    private final Duration recoveryInterval;
    private final Duration recoveryAfter;
    private final int maxAttempts;
    private final PeriodicTask task = new PeriodicTask(
            "payout recovery and returns",
            () -> recoverDue()
                    .onFailure()
                    .recoverWithItem(e -> failed("payout recovery", e))
                    .chain(() -> readReturns().onFailure().recoverWithItem(e -> failed("payout returns", e))));

    public PayoutService(
            PayoutStore store,
            PaymentStore commands,
            PayoutRail rail,
            PaymentEvents facts,
            WalletCommands wallet,
            ProcessedEvents processed,
            SubjectKeys keys,
            FieldEncryptor fields,
            BlindIndex blindIndex,
            KmsCalls kmsCalls,
            Clock clock,
            Vertx vertx,
            @ConfigProperty(name = "payguard.payout.hold-ttl", defaultValue = "P30D") Duration holdTtl,
            @ConfigProperty(name = "payguard.payout.recovery.interval", defaultValue = "PT15S")
                    Duration recoveryInterval,
            @ConfigProperty(name = "payguard.payout.recovery.after", defaultValue = "PT30S") Duration recoveryAfter,
            @ConfigProperty(name = "payguard.payout.recovery.max-attempts", defaultValue = "20") int maxAttempts) {
        this.store = store;
        this.commands = commands;
        this.rail = rail;
        this.facts = facts;
        this.wallet = wallet;
        this.processed = processed;
        this.keys = keys;
        this.fields = fields;
        this.blindIndex = blindIndex;
        this.kmsCalls = kmsCalls;
        this.clock = clock;
        this.vertx = vertx;
        this.holdTtl = holdTtl;
        this.recoveryInterval = recoveryInterval;
        this.recoveryAfter = recoveryAfter;
        this.maxAttempts = maxAttempts;
    }

    // ------------------------------------------------------------------------------------------ bank accounts

    /** Registers the owner's bank account (the same account twice gives the one already registered). */
    public Uni<BankAccount> register(String owner, String number, String bankCode, String holderName) {
        String problem = BankAccount.problem(number, bankCode, holderName);
        if (problem != null) {
            throw ApplicationException.invalid("invalid_bank_account", "Invalid bank account", problem);
        }
        String id = BankAccount.PREFIX + UUID.randomUUID().toString().replace("-", "");
        // the account number's blind index is a KMS MAC (a Vault call with kms=vault): made through KmsCalls
        return kmsCalls.call(() -> blindIndex.of(ACCOUNT_TABLE, "number", bankCode + ":" + number))
                .flatMap(fingerprint -> {
                    var account = new BankAccount(
                            id,
                            owner,
                            bankCode,
                            number.substring(number.length() - 4),
                            fingerprint,
                            true,
                            clock.instant());
                    return Panache.withTransaction(() -> store.activeAccountByFingerprint(owner, fingerprint)
                            .flatMap(existing -> existing.isPresent()
                                    ? Uni.createFrom().item(existing.get())
                                    : keys.current(owner)
                                            .flatMap(key -> store.insertAccount(
                                                    account,
                                                    owner,
                                                    fields.encrypt(
                                                            key,
                                                            new FieldContext(ACCOUNT_TABLE, "number", id, owner),
                                                            number),
                                                    fields.encrypt(
                                                            key,
                                                            new FieldContext(ACCOUNT_TABLE, "holder", id, owner),
                                                            holderName)))
                                            .replaceWith(account)));
                });
    }

    public Uni<List<BankAccount>> accounts(String owner) {
        return Panache.withSession(() -> store.accountsOf(owner));
    }

    public Uni<Void> remove(String owner, String id) {
        return Panache.withTransaction(() -> store.account(id).flatMap(found -> {
            if (found.filter(a -> a.owner().equals(owner) && a.active()).isEmpty()) {
                throw accountNotFound();
            }
            return store.removeAccount(id);
        }));
    }

    private Uni<PayoutRail.Order> order(Payout p) {
        return store.storedAccount(p.bankAccountId()).flatMap(found -> {
            var stored = found.orElseThrow();
            return keys.version(stored.keySubject(), FieldEncryptor.keyVersion(stored.numberEnc()))
                    .map(key -> {
                        var number = fields.decrypt(
                                key,
                                new FieldContext(
                                        ACCOUNT_TABLE,
                                        "number",
                                        stored.account().id(),
                                        stored.keySubject()),
                                stored.numberEnc());
                        var holder = fields.decrypt(
                                key,
                                new FieldContext(
                                        ACCOUNT_TABLE,
                                        "holder",
                                        stored.account().id(),
                                        stored.keySubject()),
                                stored.holderEnc());
                        if (!(number instanceof FieldValue.Plain n) || !(holder instanceof FieldValue.Plain h)) {
                            return null;
                        }
                        return new PayoutRail.Order(
                                p.id(), stored.account().bankCode(), n.value(), h.value(), p.amount());
                    });
        });
    }

    // ------------------------------------------------------------------------------------------ payouts

    /**
     * Asks the wallet to hold the payout's amount. The bank account must be the customer's own and active; the wallet
     * checks the wallet is theirs and the funds and limits. {@code tx} joins the transaction (idempotency key).
     */
    public Uni<Payout> create(
            String customer, String walletId, String bankAccountId, Money amount, InTransaction<Payout> tx) {
        var payout = Payout.request(
                Payout.PREFIX + UUID.randomUUID().toString().replace("-", ""),
                customer,
                walletId,
                bankAccountId,
                amount,
                clock.instant());
        return Panache.withTransaction(() -> tx.begin()
                        .chain(() -> store.account(bankAccountId))
                        .flatMap(account -> {
                            if (account.filter(a -> a.owner().equals(owner(customer)) && a.active())
                                    .isEmpty()) {
                                throw accountNotFound();
                            }
                            var hold = new WalletCommands.HoldPayout(
                                    walletId, customer, amount, clock.instant().plus(holdTtl));
                            return store.insert(payout)
                                    .chain(() -> facts.payoutFact(payout, "payout_requested", null))
                                    .chain(() -> wallet.send(payout, hold))
                                    .chain(() -> tx.end(payout));
                        }))
                .replaceWith(payout);
    }

    public Uni<Payout> get(String customer, String id) {
        return Panache.withSession(() -> store.find(id))
                .map(found -> found.filter(p -> p.customerId().equals(customer))
                        .orElseThrow(() -> ApplicationException.notFound("payout_not_found", "No such payout", null)));
    }

    /** Bank accounts are owned by {@code customer:<subject>}, like card tokens. */
    public static String owner(String customer) {
        return "customer:" + customer;
    }

    static ApplicationException accountNotFound() {
        return ApplicationException.notFound(
                "bank_account_not_found",
                "No such bank account",
                "register the account first (POST /v1/bank_accounts)");
    }

    /** Applies the wallet's answer to a payout command once; a payout the wallet has just held goes to the bank right after. */
    public Uni<Boolean> handle(WalletAnswer answer) {
        String id = answer.paymentId();
        String causationId = answer.causationId();
        var toBank = new AtomicBoolean();
        return processed
                .once(
                        WalletSaga.CONSUMER,
                        answer.eventId(),
                        () -> commands.answered(causationId, clock.instant())
                                .flatMap(commandType -> store.lock(id).flatMap(found -> {
                                    if (found.isEmpty()) {
                                        LOG.warnf("wallet event %s for unknown payout %s ignored", answer.type(), id);
                                        return Uni.createFrom().voidItem();
                                    }
                                    return apply(found.get(), answer, commandType.orElse(""), toBank);
                                })))
                .call(first -> toBank.get() ? sendToBank(id) : Uni.createFrom().voidItem());
    }

    private Uni<Void> apply(Payout p, WalletAnswer a, String commandType, AtomicBoolean toBank) {
        var now = clock.instant();
        return switch (a.type()) {
            case PaymentTopics.HOLD_PLACED ->
                changed(p.held(a.holdId().require(), now), null).invoke(x -> toBank.set(true));
            case PaymentTopics.HOLD_REFUSED -> changed(p.holdRefused(a.reason().require(), now), "payout_failed");
            case PaymentTopics.HOLD_CAPTURED -> changed(p.debited(a.entryId().require(), now), "payout_paid");
            case PaymentTopics.PAYOUT_RETURNED ->
                changed(p.creditedBack(a.entryId().require(), now), null);
            case PaymentTopics.HOLD_VOIDED -> Uni.createFrom().voidItem();
            case PaymentTopics.COMMAND_REJECTED -> {
                String reason = a.rejection();
                if (PaymentTopics.PAYOUT_HOLD.equals(commandType)) {
                    yield changed(p.holdRefused("wallet_" + reason, now), "payout_failed");
                }
                // a settlement or return the wallet cannot make: the money is somewhere an operator must look
                LOG.errorf(
                        "wallet rejected the %s command of payout %s (%s): needs an operator",
                        commandType, p.id(), reason);
                yield Uni.createFrom().voidItem();
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    /** Writes a step that applies (with its fact); a step that does not apply in the current status changes nothing. */
    private Uni<Void> changed(Optional<Payout> next, String fact) {
        if (next.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var p = next.get();
        return store.update(p)
                .chain(() -> fact == null ? Uni.createFrom().voidItem() : facts.payoutFact(p, fact, p.failureReason()));
    }

    /**
     * Hands a held payout to the bank (marked {@code sent} first, in its own transaction), then records the answer.
     * A failure anywhere leaves it {@code held} or {@code sent}: the recovery asks the bank and sends it if the bank
     * never saw it.
     */
    Uni<Void> sendToBank(String id) {
        return Panache.withTransaction(() -> store.lock(id).flatMap(found -> {
                    var sent = found.flatMap(p -> p.sent(clock.instant()));
                    if (sent.isEmpty()) {
                        return Uni.createFrom().item((PayoutRail.Order) null);
                    }
                    return store.update(sent.get()).chain(() -> order(sent.get()));
                }))
                .flatMap(order -> order == null
                        ? Uni.createFrom().voidItem()
                        : rail.send(order).flatMap(result -> record(id, result)))
                .onFailure()
                .invoke(e -> LOG.warnf(
                        "payout %s not sent now (%s): the recovery resolves it",
                        id, e.getClass().getSimpleName()))
                .onFailure()
                .recoverWithNull();
    }

    private Uni<Void> record(String id, PayoutRail.Result result) {
        return Panache.withTransaction(() -> store.lock(id)
                .flatMap(found -> found.isEmpty() ? Uni.createFrom().voidItem() : outcome(found.get(), result)));
    }

    /** The bank's answer (or a query's) on a payout that is held or sent; inside a transaction, payout locked. */
    private Uni<Void> outcome(Payout p, PayoutRail.Result result) {
        var now = clock.instant();
        return switch (result) {
            case PayoutRail.Result.Paid paid -> {
                var next = p.paidByBank(paid.reference(), now);
                if (next.isEmpty()) {
                    yield Uni.createFrom().voidItem();
                }
                yield store.update(next.get())
                        .chain(() -> wallet.send(
                                next.get(),
                                new WalletCommands.SettlePayout(next.get().holdId(), p.amount())));
            }
            case PayoutRail.Result.Rejected rejected -> {
                var next = p.rejectedByBank(rejected.reasonCode(), now);
                if (next.isEmpty()) {
                    yield Uni.createFrom().voidItem();
                }
                yield store.update(next.get())
                        .chain(() -> facts.payoutFact(next.get(), "payout_failed", rejected.reasonCode()))
                        .chain(() -> wallet.send(
                                next.get(),
                                new WalletCommands.VoidHold(next.get().holdId())));
            }
            // no answer: never guessed; the hold stays until the bank tells
            case PayoutRail.Result.Unknown u -> Uni.createFrom().voidItem();
            case PayoutRail.Result.NotFound n -> Uni.createFrom().voidItem();
        };
    }

    // ------------------------------------------------------------------------------------------ background

    void start(@Observes StartupEvent ignored) {
        task.start(vertx, recoveryInterval);
    }

    void stop(@Observes ShutdownEvent ignored) {
        task.stop(vertx);
    }

    private static Integer failed(String what, Throwable e) {
        LOG.warnf("%s failed, will retry next round: %s", what, e.getClass().getName());
        return 0;
    }

    /** Asks the bank about payouts held or sent for longer than {@code recovery.after}; returns how many it resolved. */
    public Uni<Integer> recoverDue() {
        Instant cutoff = clock.instant().minus(recoveryAfter);
        return DueWork.each(
                "recovery of payout",
                Panache.withSession(() -> store.unresolved(cutoff, 50)),
                id -> recover(id, cutoff));
    }

    private Uni<Boolean> recover(String id, Instant cutoff) {
        var resend = new AtomicBoolean();
        return Panache.withTransaction(() -> store.lockIfFree(id).flatMap(found -> {
                    var p = found.filter(x -> (x.status() == Payout.Status.HELD || x.status() == Payout.Status.SENT)
                            && x.updatedAt().isBefore(cutoff));
                    if (p.isEmpty()) {
                        return Uni.createFrom().item(false);
                    }
                    return rail.query(id).flatMap(result -> switch (result) {
                        case PayoutRail.Result.NotFound n -> {
                            resend.set(true);
                            yield Uni.createFrom().item(true);
                        }
                        case PayoutRail.Result.Unknown u -> {
                            var next = p.get().unresolved(clock.instant());
                            if (next.recoveryAttempts() == maxAttempts) {
                                LOG.warnf(
                                        "payout %s: the bank could not tell its outcome in %d rounds; still held, resolve it with the bank",
                                        id, maxAttempts);
                            }
                            yield store.update(next).replaceWith(false);
                        }
                        default -> outcome(p.get(), result).replaceWith(true);
                    });
                }))
                .call(resolved ->
                        resend.get() ? sendToBank(id) : Uni.createFrom().voidItem())
                .invoke(resolved -> {
                    if (resolved) {
                        LOG.infof(
                                "payout %s recovered%s",
                                id, resend.get() ? ": the bank had not seen it, sent again" : "");
                    }
                });
    }

    /** Reads the bank's returns after the stored position; a returned paid payout is credited back once. */
    public Uni<Integer> readReturns() {
        return Panache.withSession(() -> store.cursor(rail.name()))
                .flatMap(rail::returnsAfter)
                .flatMap(returns -> applyReturns(returns, 0, 0));
    }

    private Uni<Integer> applyReturns(List<PayoutRail.Returned> returns, int index, int applied) {
        if (index >= returns.size()) {
            return Uni.createFrom().item(applied);
        }
        var r = returns.get(index);
        return Panache.withTransaction(() -> store.lock(r.payoutId()).flatMap(found -> {
                    if (found.isPresent()
                            && List.of(
                                            Payout.Status.REQUESTED,
                                            Payout.Status.HELD,
                                            Payout.Status.SENT,
                                            Payout.Status.SETTLING)
                                    .contains(found.get().status())) {
                        // the bank's return overtook our record of its payment (answer or debit not recorded yet): the
                        // cursor stays
                        // before it and the return is read again next round, never skipped
                        return Uni.createFrom().item(-1);
                    }
                    var next = found.flatMap(p -> p.returned(r.reasonCode(), clock.instant()));
                    Uni<Integer> effect = Uni.createFrom().item(0);
                    if (next.isPresent()) {
                        var p = next.get();
                        effect = store.update(p)
                                .chain(() -> facts.payoutFact(p, "payout_returned", r.reasonCode()))
                                .chain(() -> wallet.send(
                                        p, new WalletCommands.ReturnPayout(p.walletId(), p.customerId(), p.amount())))
                                .replaceWith(1);
                    } else if (found.isEmpty()) {
                        LOG.warnf("the bank returned payout %s, which is not ours: ignored", r.payoutId());
                    }
                    return effect.call(() -> store.moveCursor(rail.name(), r.position()));
                }))
                .flatMap(n -> n < 0 ? Uni.createFrom().item(applied) : applyReturns(returns, index + 1, applied + n));
    }
}

package io.payguard.wallet.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.payguard.kernel.Money;

/**
 * The ledger ({@link LedgerEngine} behind {@link LedgerBook}) against {@link ReferenceLedger}, a naive model
 * that sums lists instead of keeping running totals. For random command sequences: both agree on every
 * outcome and every balance and reserve; money is conserved; available never goes below zero without an
 * overdraft; holds never exceed the balance; and replaying the whole sequence changes nothing. jqwik prints
 * the seed of each run (re-run one with {@code @Property(seed = "...")}).
 */
class LedgerPropertiesTest {

    static final Currency CNY = Currency.getInstance("CNY");
    static final List<String> WALLETS = List.of("w-0", "w-1", "w-2");
    static final List<WalletClass> CLASSES = List.of(WalletClass.CLASS_I, WalletClass.CLASS_II, WalletClass.CLASS_III);
    static final List<String> BUCKETS = List.of("m:shop:CNY:0", "m:shop:CNY:1");
    static final String FUNDING = "s:funding:CNY:0";
    static final String WITHDRAWAL = "s:withdrawal:CNY:0";
    static final Instant START = Instant.parse("2026-12-31T20:00:00Z");

    /** One generated step; integer parameters are resolved against the state when it runs. */
    sealed interface Action {
        record TopUp(int wallet, long amount) implements Action {}

        record Move(int from, int target, long amount) implements Action {}

        record Place(int wallet, long amount, int ttlMinutes) implements Action {}

        record Capture(int hold, int percent, int bucket) implements Action {}

        /** A hold placed and captured whole in one command (automatic capture of a wallet payment). */
        record PlaceAndCapture(int wallet, long amount, int ttlMinutes, int bucket) implements Action {}

        record Void(int hold) implements Action {}

        record Expire(int hold) implements Action {}

        record Refund(int wallet, long amount) implements Action {}

        record Reverse(int entry) implements Action {}

        record Advance(int minutes) implements Action {}
    }

    @Provide
    Arbitrary<List<Action>> scripts() {
        var amount = Arbitraries.longs()
                .between(1, 160_000)
                .edgeCases(c -> c.add(100_000L).add(100_001L).add(1L));
        var idx = Arbitraries.integers().between(0, 50);
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        3,
                        Arbitraries.integers().between(0, 2).flatMap(w -> amount.map(a -> new Action.TopUp(w, a * 2)))),
                net.jqwik.api.Tuple.of(
                        4,
                        net.jqwik.api.Combinators.combine(
                                        Arbitraries.integers().between(0, 2),
                                        Arbitraries.integers().between(0, 5),
                                        amount)
                                .as(Action.Move::new)),
                net.jqwik.api.Tuple.of(
                        3,
                        net.jqwik.api.Combinators.combine(
                                        Arbitraries.integers().between(0, 2),
                                        amount,
                                        Arbitraries.integers().between(1, 2_000))
                                .as(Action.Place::new)),
                net.jqwik.api.Tuple.of(
                        3,
                        net.jqwik.api.Combinators.combine(
                                        idx,
                                        Arbitraries.integers().between(1, 110),
                                        Arbitraries.integers().between(0, 1))
                                .as(Action.Capture::new)),
                net.jqwik.api.Tuple.of(
                        3,
                        net.jqwik.api.Combinators.combine(
                                        Arbitraries.integers().between(0, 2),
                                        amount,
                                        Arbitraries.integers().between(1, 2_000),
                                        Arbitraries.integers().between(0, 1))
                                .as(Action.PlaceAndCapture::new)),
                net.jqwik.api.Tuple.of(1, idx.map(Action.Void::new)),
                net.jqwik.api.Tuple.of(1, idx.map(Action.Expire::new)),
                net.jqwik.api.Tuple.of(
                        2,
                        net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 2), amount)
                                .as(Action.Refund::new)),
                net.jqwik.api.Tuple.of(1, idx.map(Action.Reverse::new)),
                net.jqwik.api.Tuple.of(
                        2, Arbitraries.integers().between(1, 3_000).map(Action.Advance::new)));
        return action.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 10_000)
    void theLedgerAgreesWithTheReferenceModelAndKeepsItsInvariants(@ForAll("scripts") List<Action> script) {
        var seq = new AtomicLong();
        var book = new LedgerBook(
                new LedgerEngine(LimitPolicy.pbocDefaults(), ZoneOffset.UTC), () -> new UUID(0, seq.incrementAndGet()));
        var model = new ReferenceLedger(LimitPolicy.pbocDefaults());
        LocalDate opened = LocalDate.ofInstant(START, ZoneOffset.UTC);
        for (int i = 0; i < WALLETS.size(); i++) {
            book.open(Account.open(
                    new AccountId(WALLETS.get(i)),
                    AccountType.CUSTOMER_WALLET,
                    "c" + i,
                    CNY,
                    CLASSES.get(i),
                    OutflowUsage.none(opened)));
            model.open(WALLETS.get(i), false, CLASSES.get(i));
        }
        for (var b : BUCKETS) {
            book.open(Account.open(new AccountId(b), AccountType.MERCHANT_SETTLEMENT, "shop", CNY, null, null));
            model.open(b, false, null);
        }
        book.open(Account.open(new AccountId(FUNDING), AccountType.FUNDING_CLEARING, "system", CNY, null, null));
        model.open(FUNDING, true, null);
        book.open(Account.open(new AccountId(WITHDRAWAL), AccountType.WITHDRAWAL_CLEARING, "system", CNY, null, null));
        model.open(WITHDRAWAL, true, null);

        Instant now = START;
        var holds = new ArrayList<UUID>();
        var submitted = new ArrayList<Submitted>();
        for (var action : script) {
            if (action instanceof Action.Advance a) {
                now = now.plus(Duration.ofMinutes(a.minutes()));
                continue;
            }
            var command = toCommand(action, book, holds, submitted.size(), now);
            if (command == null) {
                continue;
            }
            String commandId = "cmd-" + submitted.size();
            var outcome = book.submit(commandId, command, now);
            String expected = model.apply(command, now);
            assertThat(describe(outcome)).as("outcome of %s", command).isEqualTo(expected);
            if (command instanceof LedgerCommand.PlaceHold p && outcome instanceof Outcome.HoldChanged) {
                holds.add(p.holdId());
            }
            if (command instanceof LedgerCommand.PlaceAndCaptureHold p && outcome instanceof Outcome.Posted posted) {
                // captured at once: no reserve left, and later captures, voids and expiries of it are rejected
                assertThat(posted.hold().status()).isEqualTo(Hold.Status.CAPTURED);
                assertThat(posted.released()).isZero();
                holds.add(p.holdId());
            }
            submitted.add(new Submitted(commandId, command, now, outcome));
            for (var account : book.accounts()) {
                String id = account.id().value();
                assertThat(account.balance()).as("balance of %s", id).isEqualTo(model.balance(id));
                assertThat(account.held()).as("held on %s", id).isEqualTo(model.held(id));
                if (!account.overdraftAllowed()) {
                    assertThat(account.available()).as("available on %s", id).isGreaterThanOrEqualTo(0);
                    assertThat(account.held()).as("holds on %s", id).isLessThanOrEqualTo(account.balance());
                }
            }
            assertThat(book.accounts().stream().mapToLong(Account::balance).sum())
                    .as("money is conserved")
                    .isZero();
        }
        var report = LedgerInvariants.check(book.figures());
        assertThat(report.violations()).isEmpty();

        // Replaying every command (same ids, same times) answers the same and changes nothing.
        var accountsBefore = book.accounts();
        var holdsBefore = book.holds();
        int entriesBefore = book.entries().size();
        for (var s : submitted) {
            assertThat(book.submit(s.id(), s.command(), s.at())).isEqualTo(s.outcome());
        }
        assertThat(book.accounts()).isEqualTo(accountsBefore);
        assertThat(book.holds()).containsExactlyInAnyOrderElementsOf(holdsBefore);
        assertThat(book.entries()).hasSize(entriesBefore);
    }

    record Submitted(String id, LedgerCommand command, Instant at, Outcome outcome) {}

    private static LedgerCommand toCommand(Action action, LedgerBook book, List<UUID> holds, int n, Instant now) {
        String ref = "ref-" + n;
        return switch (action) {
            case Action.TopUp a ->
                new LedgerCommand.TopUp(wallet(a.wallet()), new AccountId(FUNDING), cny(a.amount()), ref);
            case Action.Move a -> {
                var from = wallet(a.from());
                if (a.target() < 3) {
                    var to = wallet(a.target() == a.from() ? (a.from() + 1) % 3 : a.target());
                    yield new LedgerCommand.Transfer(EntryKind.TRANSFER, from, to, cny(a.amount()), ref);
                }
                if (a.target() < 5) {
                    yield new LedgerCommand.Transfer(
                            EntryKind.MERCHANT_PAYMENT,
                            from,
                            new AccountId(BUCKETS.get(a.target() - 3)),
                            cny(a.amount()),
                            ref);
                }
                yield new LedgerCommand.Transfer(
                        EntryKind.WITHDRAWAL, from, new AccountId(WITHDRAWAL), cny(a.amount()), ref);
            }
            case Action.Place a ->
                new LedgerCommand.PlaceHold(
                        new UUID(1, n),
                        wallet(a.wallet()),
                        cny(a.amount()),
                        now.plus(Duration.ofMinutes(a.ttlMinutes())),
                        ref);
            case Action.PlaceAndCapture a ->
                new LedgerCommand.PlaceAndCaptureHold(
                        new UUID(1, n),
                        wallet(a.wallet()),
                        new AccountId(BUCKETS.get(a.bucket())),
                        cny(a.amount()),
                        now.plus(Duration.ofMinutes(a.ttlMinutes())),
                        ref);
            case Action.Capture a ->
                holds.isEmpty() ? null : captureOf(book, holds.get(a.hold() % holds.size()), a, ref);
            case Action.Void a ->
                holds.isEmpty() ? null : new LedgerCommand.VoidHold(holds.get(a.hold() % holds.size()), ref);
            case Action.Expire a ->
                holds.isEmpty() ? null : new LedgerCommand.ExpireHold(holds.get(a.hold() % holds.size()), ref);
            case Action.Refund a ->
                new LedgerCommand.Refund(
                        BUCKETS.stream().map(AccountId::new).toList(), wallet(a.wallet()), cny(a.amount()), ref);
            case Action.Reverse a ->
                book.entries().isEmpty()
                        ? null
                        : new LedgerCommand.Reverse(
                                book.entries().get(a.entry() % book.entries().size()), ref);
            case Action.Advance a -> null;
        };
    }

    /** The captured amount is a percentage of the hold: most captures are partial or full, a few exceed it. */
    private static LedgerCommand captureOf(LedgerBook book, UUID hold, Action.Capture a, String ref) {
        long held = book.hold(hold).orElseThrow().amount().minor();
        long amount = Math.max(1, held * a.percent() / 100);
        return new LedgerCommand.CaptureHold(hold, new AccountId(BUCKETS.get(a.bucket())), cny(amount), ref);
    }

    private static AccountId wallet(int i) {
        return new AccountId(WALLETS.get(i));
    }

    private static Money cny(long fen) {
        return new Money(fen, CNY);
    }

    static String describe(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Posted p -> "posted";
            case Outcome.HoldChanged h -> "hold:" + h.hold().status().id();
            case Outcome.Refused r -> "refused:" + r.reason().id() + (r.limit() == null ? "" : ":" + r.limit());
            case Outcome.Rejected r -> "rejected:" + r.reason();
        };
    }
}

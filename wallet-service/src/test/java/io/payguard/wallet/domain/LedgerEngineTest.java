package io.payguard.wallet.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.payguard.kernel.Money;
import io.payguard.wallet.domain.LedgerCommand.CaptureHold;
import io.payguard.wallet.domain.LedgerCommand.ExpireHold;
import io.payguard.wallet.domain.LedgerCommand.PlaceAndCaptureHold;
import io.payguard.wallet.domain.LedgerCommand.PlaceHold;
import io.payguard.wallet.domain.LedgerCommand.Refund;
import io.payguard.wallet.domain.LedgerCommand.Reverse;
import io.payguard.wallet.domain.LedgerCommand.TopUp;
import io.payguard.wallet.domain.LedgerCommand.Transfer;
import io.payguard.wallet.domain.LedgerCommand.VoidHold;

class LedgerEngineTest {

    static final Currency CNY = Currency.getInstance("CNY");
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final AccountId ALICE = new AccountId("w-alice");
    static final AccountId BOB = new AccountId("w-bob");
    static final AccountId FUNDING = new AccountId("s:funding:CNY:0");
    static final AccountId MERCHANT = new AccountId("m:shop:CNY:0");

    final AtomicLong seq = new AtomicLong();
    final LedgerBook book = new LedgerBook(
            new LedgerEngine(LimitPolicy.pbocDefaults(), ZoneOffset.UTC), () -> new UUID(0, seq.incrementAndGet()));

    LedgerEngineTest() {
        book.open(Account.open(
                ALICE,
                AccountType.CUSTOMER_WALLET,
                "alice",
                CNY,
                WalletClass.CLASS_II,
                OutflowUsage.none(LocalDate.of(2026, 1, 1))));
        book.open(Account.open(
                BOB,
                AccountType.CUSTOMER_WALLET,
                "bob",
                CNY,
                WalletClass.CLASS_I,
                OutflowUsage.none(LocalDate.of(2026, 1, 1))));
        book.open(Account.open(FUNDING, AccountType.FUNDING_CLEARING, "system", CNY, null, null));
        book.open(Account.open(MERCHANT, AccountType.MERCHANT_SETTLEMENT, "shop", CNY, null, null));
    }

    static Money cny(long fen) {
        return new Money(fen, CNY);
    }

    long balance(AccountId id) {
        return book.account(id).orElseThrow().balance();
    }

    @Test
    void aTopUpDebitsClearingAndCreditsTheWalletInOneBalancedEntry() {
        var outcome = book.submit("c1", new TopUp(ALICE, FUNDING, cny(5_000), "topup-1"), T0);
        assertThat(outcome).isInstanceOf(Outcome.Posted.class);
        assertThat(balance(ALICE)).isEqualTo(5_000);
        assertThat(balance(FUNDING)).isEqualTo(-5_000);
        assertThat(LedgerInvariants.check(book.figures()).ok()).isTrue();
    }

    @Test
    void aTransferAboveTheAvailableBalanceIsRefusedAndChangesNothing() {
        book.submit("c1", new TopUp(ALICE, FUNDING, cny(1_000), "t"), T0);
        var outcome = book.submit("c2", new Transfer(EntryKind.TRANSFER, ALICE, BOB, cny(1_001), "x"), T0);
        assertThat(outcome).isEqualTo(Outcome.Refused.of(RefusalReason.INSUFFICIENT_FUNDS));
        assertThat(balance(ALICE)).isEqualTo(1_000);
        assertThat(book.entries()).hasSize(1);
    }

    @Test
    void classOneWalletsStopAtTheCumulativeOutflowCapAndTheRefusalNamesTheLimit() {
        book.submit("c1", new TopUp(BOB, FUNDING, cny(200_000), "t"), T0);
        assertThat(book.submit("c2", new Transfer(EntryKind.TRANSFER, BOB, ALICE, cny(60_000), "a"), T0))
                .isInstanceOf(Outcome.Posted.class);
        // the next day: the daily cap resets, the cumulative one does not
        var outcome = book.submit(
                "c3", new Transfer(EntryKind.TRANSFER, BOB, ALICE, cny(50_000), "b"), T0.plus(Duration.ofDays(1)));
        assertThat(outcome).isEqualTo(new Outcome.Refused(RefusalReason.LIMIT_EXCEEDED, "class_i_cumulative_outflow"));
        assertThat(book.submit("c4", new Transfer(EntryKind.TRANSFER, BOB, ALICE, cny(100_001), "c"), T0))
                .isEqualTo(new Outcome.Refused(RefusalReason.LIMIT_EXCEEDED, "class_i_per_transaction"));
    }

    @Test
    void aPartialCaptureMovesTheCapturedAmountAndReleasesTheRestOfTheHold() {
        book.submit("c1", new TopUp(ALICE, FUNDING, cny(10_000), "t"), T0);
        var holdId = new UUID(9, 1);
        var placed = book.submit("c2", new PlaceHold(holdId, ALICE, cny(8_000), T0.plusSeconds(600), "pay-1"), T0);
        assertThat(placed).isInstanceOf(Outcome.HoldChanged.class);
        assertThat(book.account(ALICE).orElseThrow().available()).isEqualTo(2_000);
        assertThat(book.submit("c3", new Transfer(EntryKind.TRANSFER, ALICE, BOB, cny(2_001), "x"), T0))
                .isEqualTo(Outcome.Refused.of(RefusalReason.INSUFFICIENT_FUNDS));

        var captured = (Outcome.Posted)
                book.submit("c4", new CaptureHold(holdId, MERCHANT, cny(6_000), "pay-1"), T0.plusSeconds(60));
        assertThat(captured.released()).isEqualTo(2_000);
        assertThat(captured.hold().status()).isEqualTo(Hold.Status.CAPTURED);
        var alice = book.account(ALICE).orElseThrow();
        assertThat(alice.balance()).isEqualTo(4_000);
        assertThat(alice.held()).isZero();
        assertThat(alice.usage().dayTotal()).isEqualTo(6_000);
        assertThat(balance(MERCHANT)).isEqualTo(6_000);
        assertThat(book.submit("c5", new VoidHold(holdId, "pay-1"), T0))
                .isEqualTo(new Outcome.Rejected("hold_not_active"));
        assertThat(LedgerInvariants.check(book.figures()).ok()).isTrue();
    }

    @Test
    void placeAndCaptureEndsExactlyWhereAPlaceFollowedByAFullCaptureEnds() {
        book.submit("c1", new TopUp(ALICE, FUNDING, cny(10_000), "t"), T0);
        var holdId = new UUID(9, 5);
        var outcome = (Outcome.Posted) book.submit(
                "c2", new PlaceAndCaptureHold(holdId, ALICE, MERCHANT, cny(7_000), T0.plusSeconds(600), "pay-5"), T0);
        assertThat(outcome.released()).isZero();
        assertThat(outcome.hold())
                .isEqualTo(new Hold(
                        holdId,
                        ALICE,
                        cny(7_000),
                        "pay-5",
                        T0.plusSeconds(600),
                        LocalDate.of(2026, 11, 26),
                        Hold.Status.CAPTURED,
                        7_000));
        assertThat(outcome.entry().kind()).isEqualTo(EntryKind.HOLD_CAPTURE);
        assertThat(outcome.entry().reference()).isEqualTo("pay-5");
        assertThat(outcome.entry().postings())
                .containsExactly(Posting.debit(ALICE, cny(7_000)), Posting.credit(MERCHANT, cny(7_000)));

        // the same money moved the two-step way on a twin ledger: identical accounts afterwards
        var seq2 = new AtomicLong();
        var twin = new LedgerBook(
                new LedgerEngine(LimitPolicy.pbocDefaults(), ZoneOffset.UTC),
                () -> new UUID(0, seq2.incrementAndGet()));
        twin.open(Account.open(
                ALICE,
                AccountType.CUSTOMER_WALLET,
                "alice",
                CNY,
                WalletClass.CLASS_II,
                OutflowUsage.none(LocalDate.of(2026, 1, 1))));
        twin.open(Account.open(FUNDING, AccountType.FUNDING_CLEARING, "system", CNY, null, null));
        twin.open(Account.open(MERCHANT, AccountType.MERCHANT_SETTLEMENT, "shop", CNY, null, null));
        twin.submit("c1", new TopUp(ALICE, FUNDING, cny(10_000), "t"), T0);
        twin.submit("c2", new PlaceHold(holdId, ALICE, cny(7_000), T0.plusSeconds(600), "pay-5"), T0);
        twin.submit("c3", new CaptureHold(holdId, MERCHANT, cny(7_000), "pay-5"), T0);
        for (var id : java.util.List.of(ALICE, FUNDING, MERCHANT)) {
            assertThat(book.account(id)).as(id.value()).isEqualTo(twin.account(id));
        }
        assertThat(book.hold(holdId)).isEqualTo(twin.hold(holdId));
        assertThat(book.account(ALICE).orElseThrow().held()).isZero();
        assertThat(book.account(ALICE).orElseThrow().usage().dayTotal())
                .as("counted against the limits once")
                .isEqualTo(7_000);
        assertThat(LedgerInvariants.check(book.figures()).ok()).isTrue();

        // a repeat of the command id changes nothing (one debit)
        assertThat(book.submit(
                        "c2",
                        new PlaceAndCaptureHold(holdId, ALICE, MERCHANT, cny(7_000), T0.plusSeconds(600), "pay-5"),
                        T0))
                .isEqualTo(outcome);
        assertThat(balance(ALICE)).isEqualTo(3_000);
        assertThat(book.entries()).hasSize(2);
    }

    @Test
    void placeAndCaptureIsRefusedByThePlacementRulesAndThenChangesNothing() {
        book.submit("c1", new TopUp(ALICE, FUNDING, cny(5_000), "t"), T0);
        book.submit("c1b", new TopUp(BOB, FUNDING, cny(200_000), "t"), T0);
        var before = book.accounts();
        assertThat(book.submit(
                        "c2",
                        new PlaceAndCaptureHold(
                                new UUID(9, 6), ALICE, MERCHANT, cny(5_001), T0.plusSeconds(600), "pay-6"),
                        T0))
                .isEqualTo(Outcome.Refused.of(RefusalReason.INSUFFICIENT_FUNDS));
        assertThat(book.submit(
                        "c3",
                        new PlaceAndCaptureHold(
                                new UUID(9, 7), BOB, MERCHANT, cny(100_001), T0.plusSeconds(600), "pay-7"),
                        T0))
                .isEqualTo(new Outcome.Refused(RefusalReason.LIMIT_EXCEEDED, "class_i_per_transaction"));
        assertThat(book.submit(
                        "c4",
                        new PlaceAndCaptureHold(
                                new UUID(9, 8), ALICE, MERCHANT, Money.of(10, "EUR"), T0.plusSeconds(600), "pay-8"),
                        T0))
                .isEqualTo(Outcome.Refused.of(RefusalReason.CURRENCY_MISMATCH));
        assertThat(book.submit(
                        "c5",
                        new PlaceAndCaptureHold(
                                new UUID(9, 9),
                                ALICE,
                                new AccountId("m:nobody:CNY:0"),
                                cny(10),
                                T0.plusSeconds(600),
                                "pay-9"),
                        T0))
                .isEqualTo(new Outcome.Rejected("unknown_payee"));
        assertThat(book.submit(
                        "c6", new PlaceAndCaptureHold(new UUID(9, 10), ALICE, MERCHANT, cny(10), T0, "pay-10"), T0))
                .isEqualTo(new Outcome.Rejected("hold_already_expired"));
        assertThat(book.accounts()).isEqualTo(before);
        assertThat(book.holds()).isEmpty();
        assertThat(book.entries()).hasSize(2);
    }

    @Test
    void capturesAboveTheHoldOrAfterExpiryAreRejectedAndExpiryReleasesTheReserve() {
        book.submit("c1", new TopUp(ALICE, FUNDING, cny(10_000), "t"), T0);
        var holdId = new UUID(9, 2);
        book.submit("c2", new PlaceHold(holdId, ALICE, cny(3_000), T0.plusSeconds(60), "pay-2"), T0);
        assertThat(book.submit("c3", new CaptureHold(holdId, MERCHANT, cny(3_001), "pay-2"), T0))
                .isEqualTo(new Outcome.Rejected("capture_exceeds_hold"));
        assertThat(book.submit("c4", new ExpireHold(holdId, "pay-2"), T0))
                .isEqualTo(new Outcome.Rejected("hold_not_expired"));
        assertThat(book.submit("c5", new CaptureHold(holdId, MERCHANT, cny(1_000), "pay-2"), T0.plusSeconds(60)))
                .isEqualTo(new Outcome.Rejected("hold_expired"));
        assertThat(book.submit("c6", new ExpireHold(holdId, "pay-2"), T0.plusSeconds(61)))
                .isInstanceOf(Outcome.HoldChanged.class);
        assertThat(book.account(ALICE).orElseThrow().available()).isEqualTo(10_000);
        assertThat(book.account(ALICE).orElseThrow().usage().dayTotal()).isZero();
    }

    @Test
    void refundsDrawOnTheMerchantsBucketsAndReversalsUndoAnEntry() {
        var bucket2 = new AccountId("m:shop:CNY:1");
        book.open(Account.open(bucket2, AccountType.MERCHANT_SETTLEMENT, "shop", CNY, null, null));
        book.submit("c1", new TopUp(ALICE, FUNDING, cny(10_000), "t"), T0);
        book.submit("c2", new Transfer(EntryKind.MERCHANT_PAYMENT, ALICE, MERCHANT, cny(3_000), "p1"), T0);
        book.submit("c3", new Transfer(EntryKind.MERCHANT_PAYMENT, ALICE, bucket2, cny(2_000), "p2"), T0);
        var refund = (Outcome.Posted)
                book.submit("c4", new Refund(java.util.List.of(MERCHANT, bucket2), ALICE, cny(4_000), "r1"), T0);
        assertThat(refund.entry().postings()).hasSize(3);
        assertThat(balance(MERCHANT) + balance(bucket2)).isEqualTo(1_000);
        assertThat(book.submit("c5", new Refund(java.util.List.of(MERCHANT, bucket2), ALICE, cny(1_001), "r2"), T0))
                .isEqualTo(Outcome.Refused.of(RefusalReason.INSUFFICIENT_FUNDS));

        var reversal = (Outcome.Posted) book.submit("c6", new Reverse(refund.entry(), "correction"), T0);
        assertThat(reversal.entry().reverses()).isEqualTo(refund.entry().id());
        assertThat(balance(MERCHANT) + balance(bucket2)).isEqualTo(5_000);
        assertThat(LedgerInvariants.check(book.figures()).ok()).isTrue();
    }

    @Test
    void entriesMustBalanceAndCarryAReference() {
        assertThatThrownBy(() -> JournalEntry.of(
                        UUID.randomUUID(),
                        EntryKind.TRANSFER,
                        "r",
                        T0,
                        Posting.debit(ALICE, cny(10)),
                        Posting.credit(BOB, cny(9))))
                .hasMessageContaining("unbalanced");
        assertThatThrownBy(() -> JournalEntry.of(
                        UUID.randomUUID(),
                        EntryKind.TRANSFER,
                        " ",
                        T0,
                        Posting.debit(ALICE, cny(10)),
                        Posting.credit(BOB, cny(10))))
                .hasMessageContaining("reference");
        assertThatThrownBy(() -> JournalEntry.of(
                        UUID.randomUUID(),
                        EntryKind.TRANSFER,
                        "r",
                        T0,
                        Posting.debit(ALICE, cny(10)),
                        Posting.credit(BOB, Money.of(10, "EUR"))))
                .hasMessageContaining("unbalanced");
    }

    @Test
    void usageRollsOverDaysAndYears() {
        var u = OutflowUsage.none(LocalDate.of(2026, 12, 31)).plus(500, LocalDate.of(2026, 12, 31));
        var next = u.on(LocalDate.of(2027, 1, 1));
        assertThat(next.dayTotal()).isZero();
        assertThat(next.yearTotal()).isZero();
        assertThat(next.cumulative()).isEqualTo(500);
    }
}

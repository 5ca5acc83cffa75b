package io.payguard.wallet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.payguard.kernel.Money;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.TestTokens;
import io.payguard.wallet.application.AccountLayout;
import io.payguard.wallet.application.LedgerService;
import io.payguard.wallet.application.port.LedgerStore;
import io.payguard.wallet.domain.Account;
import io.payguard.wallet.domain.AccountId;
import io.payguard.wallet.domain.AccountType;
import io.payguard.wallet.domain.EntryKind;
import io.payguard.wallet.domain.LedgerCommand;
import io.payguard.wallet.domain.Outcome;
import io.payguard.wallet.domain.OutflowUsage;
import io.payguard.wallet.domain.RefusalReason;
import io.payguard.wallet.domain.WalletClass;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.mutiny.Uni;

/** The ledger on a real PostgreSQL: the service path, and the database refusing what must never happen. */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class LedgerPersistenceTest {

    static final Currency CNY = Currency.getInstance("CNY");

    @Inject
    LedgerService ledger;

    @Inject
    LedgerStore store;

    @Inject
    AccountLayout layout;

    @Inject
    io.payguard.wallet.application.HoldExpiry expiry;

    static <T> T await(Supplier<Uni<T>> work) {
        return io.payguard.wallet.load.LedgerLoad.await(work);
    }

    static <T> T tx(Supplier<Uni<T>> work) {
        return await(() -> Panache.withTransaction(work));
    }

    AccountId wallet(WalletClass walletClass) {
        var id = new AccountId("w-" + UUID.randomUUID());
        tx(() -> store.ensure(
                List.of(Account.open(
                        id,
                        AccountType.CUSTOMER_WALLET,
                        "sub-" + id,
                        CNY,
                        walletClass,
                        OutflowUsage.none(LocalDate.now()))),
                java.time.Instant.now()));
        return id;
    }

    static Money cny(long fen) {
        return new Money(fen, CNY);
    }

    long balance(AccountId id) {
        return await(() -> Panache.withSession(() -> store.find(id)))
                .orElseThrow()
                .balance();
    }

    @Test
    void movesMoneyThroughTheDatabaseAndKeepsTheInvariants() {
        await(() -> ledger.ensureAccounts(CNY, "shop-1"));
        var alice = wallet(WalletClass.CLASS_II);
        var bob = wallet(WalletClass.CLASS_I);
        var funding = layout.funding(CNY, "t1");
        assertThat(tx(() -> ledger.execute(new LedgerCommand.TopUp(alice, funding, cny(50_000), "t1"))))
                .isInstanceOf(Outcome.Posted.class);
        assertThat(tx(() ->
                        ledger.execute(new LedgerCommand.Transfer(EntryKind.TRANSFER, alice, bob, cny(20_000), "x1"))))
                .isInstanceOf(Outcome.Posted.class);
        assertThat(tx(() ->
                        ledger.execute(new LedgerCommand.Transfer(EntryKind.TRANSFER, alice, bob, cny(30_001), "x2"))))
                .isEqualTo(Outcome.Refused.of(RefusalReason.INSUFFICIENT_FUNDS));
        assertThat(balance(alice)).isEqualTo(30_000);
        assertThat(balance(bob)).isEqualTo(20_000);

        var holdId = UUID.randomUUID();
        var expires = java.time.Instant.now().plus(Duration.ofMinutes(10));
        assertThat(tx(() -> ledger.execute(
                        new LedgerCommand.PlaceHold(holdId, alice, cny(10_000), expires, "pay-1"), "shop-1")))
                .isInstanceOf(Outcome.HoldChanged.class);
        var bucket = layout.merchantBucket("shop-1", CNY, "pay-1");
        var captured = (Outcome.Posted)
                tx(() -> ledger.execute(new LedgerCommand.CaptureHold(holdId, bucket, cny(7_500), "pay-1")));
        assertThat(captured.released()).isEqualTo(2_500);
        var aliceAfter =
                await(() -> Panache.withSession(() -> store.find(alice))).orElseThrow();
        assertThat(aliceAfter.balance()).isEqualTo(22_500);
        assertThat(aliceAfter.held()).isZero();

        var reversal = tx(() -> ledger.execute(new LedgerCommand.Reverse(captured.entry(), "correction-1")));
        assertThat(reversal).isInstanceOf(Outcome.Posted.class);
        assertThat(balance(alice)).isEqualTo(30_000);
        assertThat(await(() -> ledger.checkInvariants()).violations()).isEmpty();
    }

    @Test
    void placeAndCaptureWritesACapturedHoldAndOneBalancedEntryInOneTransaction() {
        await(() -> ledger.ensureAccounts(CNY, "shop-2"));
        var alice = wallet(WalletClass.CLASS_II);
        tx(() -> ledger.execute(new LedgerCommand.TopUp(alice, layout.funding(CNY, "t3"), cny(20_000), "t3")));
        var bucket = layout.merchantBucket("shop-2", CNY, "pay-3");
        long bucketBefore = balance(bucket);
        var holdId = UUID.randomUUID();
        var expires = java.time.Instant.now().plus(Duration.ofMinutes(10));
        var outcome = (Outcome.Posted) tx(() -> ledger.execute(
                new LedgerCommand.PlaceAndCaptureHold(holdId, alice, bucket, cny(12_000), expires, "pay-3"), "shop-2"));
        assertThat(outcome.released()).isZero();
        var hold = await(() -> Panache.withSession(() -> store.hold(holdId, false)))
                .orElseThrow();
        assertThat(hold.status()).isEqualTo(io.payguard.wallet.domain.Hold.Status.CAPTURED);
        assertThat(hold.captured()).isEqualTo(12_000);
        assertThat(await(() -> Panache.withSession(() -> store.holdMerchant(holdId))))
                .contains("shop-2");
        var aliceAfter =
                await(() -> Panache.withSession(() -> store.find(alice))).orElseThrow();
        assertThat(aliceAfter.balance()).isEqualTo(8_000);
        assertThat(aliceAfter.held()).isZero();
        assertThat(aliceAfter.usage().dayTotal()).isEqualTo(12_000);
        assertThat(balance(bucket) - bucketBefore).isEqualTo(12_000);
        var entry = await(() ->
                        Panache.withSession(() -> ledger.entry(outcome.entry().id())))
                .orElseThrow();
        assertThat(entry.kind()).isEqualTo(EntryKind.HOLD_CAPTURE);
        assertThat(entry.postings()).hasSize(2);

        // refused: nothing written, no hold row
        var refusedId = UUID.randomUUID();
        assertThat(tx(() -> ledger.execute(
                        new LedgerCommand.PlaceAndCaptureHold(refusedId, alice, bucket, cny(8_001), expires, "pay-4"),
                        "shop-2")))
                .isEqualTo(Outcome.Refused.of(RefusalReason.INSUFFICIENT_FUNDS));
        assertThat(await(() -> Panache.withSession(() -> store.hold(refusedId, false))))
                .isEmpty();
        assertThat(balance(alice)).isEqualTo(8_000);
        assertThat(await(() -> ledger.checkInvariants()).violations()).isEmpty();
    }

    @Test
    void theDatabaseRefusesUnbalancedEntriesEditsAndOverdrafts() {
        var alice = wallet(WalletClass.CLASS_III);
        await(() -> ledger.ensureAccounts(CNY, null));
        var funding = layout.funding(CNY, "t2");
        tx(() -> ledger.execute(new LedgerCommand.TopUp(alice, funding, cny(1_000), "t2")));

        assertThatThrownBy(() -> tx(() ->
                        sql("INSERT INTO journal_entry (id, kind, reference, posted_at) VALUES ('" + UUID.randomUUID()
                                + "', 'TRANSFER', 'bad', now()); INSERT INTO posting (entry_id, account_id, amount, currency, kind, posted_at) SELECT id, '"
                                + alice + "', 5, 'CNY', 'TRANSFER', now() FROM journal_entry WHERE reference = 'bad'")))
                .hasStackTraceContaining("unbalanced");
        assertThatThrownBy(() ->
                        tx(() -> sql("UPDATE posting SET amount = amount + 1 WHERE account_id = '" + alice + "'")))
                .hasStackTraceContaining("immutable");
        assertThatThrownBy(() -> tx(() -> sql("DELETE FROM journal_entry WHERE reference = 't2'")))
                .hasStackTraceContaining("immutable");
        assertThatThrownBy(() -> tx(() -> sql("UPDATE account SET held = 1001 WHERE id = '" + alice + "'")))
                .hasStackTraceContaining("account_available_not_negative");
        assertThat(balance(alice)).isEqualTo(1_000);
        assertThat(await(() -> ledger.checkInvariants()).ok()).isTrue();
    }

    @Test
    void dueHoldsExpireAndGiveTheirReserveBack() {
        await(() -> ledger.ensureAccounts(CNY, null));
        var alice = wallet(WalletClass.CLASS_II);
        tx(() -> ledger.execute(new LedgerCommand.TopUp(alice, layout.funding(CNY, "t3"), cny(5_000), "t3")));
        var holdId = UUID.randomUUID();
        var expires = java.time.Instant.now().plusMillis(300);
        assertThat(tx(() -> ledger.execute(
                        new LedgerCommand.PlaceHold(holdId, alice, cny(4_000), expires, "pay-exp"), "shop-1")))
                .isInstanceOf(Outcome.HoldChanged.class);
        assertThat(await(() -> Panache.withSession(() -> store.find(alice)))
                        .orElseThrow()
                        .available())
                .isEqualTo(1_000);

        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    await(() -> expiry.expireDue());
                    return await(() -> Panache.withSession(() -> store.hold(holdId, false)))
                                    .orElseThrow()
                                    .status()
                            == io.payguard.wallet.domain.Hold.Status.EXPIRED;
                });
        var after = await(() -> Panache.withSession(() -> store.find(alice))).orElseThrow();
        assertThat(after.held()).isZero();
        assertThat(after.available()).isEqualTo(5_000);
        // a capture after expiry can never succeed
        assertThat(tx(() -> ledger.execute(new LedgerCommand.CaptureHold(
                        holdId, layout.merchantBucket("shop-1", CNY, "pay-exp"), cny(1), "pay-exp"))))
                .isEqualTo(new Outcome.Rejected("hold_not_active"));
    }

    static Uni<Integer> sql(String statements) {
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (var s : statements.split("; ")) {
            chain = chain.flatMap(x -> Panache.getSession()
                    .flatMap(session -> session.createNativeQuery(s).executeUpdate()));
        }
        return chain;
    }

    @Test
    void onlyOperatorsAndAuditorsCheckTheInvariants() {
        String audience = ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class);
        given().auth()
                .oauth2(TestTokens.token("otto", audience, "operator"))
                .get("/v1/wallet-admin/invariants")
                .then()
                .statusCode(200)
                .body("ok", equalTo(true));
        given().auth()
                .oauth2(TestTokens.token("ada", audience, "auditor"))
                .get("/v1/wallet-admin/invariants")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.token("alice", audience, "customer"))
                .get("/v1/wallet-admin/invariants")
                .then()
                .statusCode(403);
    }
}

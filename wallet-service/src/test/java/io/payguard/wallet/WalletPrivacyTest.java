package io.payguard.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.kernel.Money;
import io.payguard.platform.messaging.NativeSql;
import io.payguard.platform.protection.privacy.ErasureCheck;
import io.payguard.platform.protection.privacy.ErasureOutcome;
import io.payguard.platform.protection.privacy.PrivacyHoldEnd;
import io.payguard.platform.protection.privacy.PrivacyParticipant;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
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

/**
 * The wallet's privacy participant (issue 18) on a real PostgreSQL and Kafka: export, erasure prepare (blocked by
 * money or holds, else the wallets frozen: movements and the saga's commands refused wallet_closing), abort, commit
 * (closed, owner pseudonymised, held P5Y, idempotent) and the hold-end job.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class WalletPrivacyTest {

    static final Currency CNY = Currency.getInstance("CNY");

    @Inject
    PrivacyParticipant participant;

    @Inject
    LedgerService ledger;

    @Inject
    LedgerStore store;

    @Inject
    AccountLayout layout;

    @Inject
    PrivacyHoldEnd holdEnd;

    static <T> T await(Supplier<Uni<T>> work) {
        return io.payguard.wallet.load.LedgerLoad.await(work);
    }

    static <T> T tx(Supplier<Uni<T>> work) {
        return await(() -> Panache.withTransaction(work));
    }

    AccountId wallet(String owner) {
        var id = new AccountId("w-" + UUID.randomUUID());
        tx(() -> store.ensure(
                List.of(Account.open(
                        id,
                        AccountType.CUSTOMER_WALLET,
                        owner,
                        CNY,
                        WalletClass.CLASS_II,
                        OutflowUsage.none(LocalDate.now()))),
                Instant.now()));
        return id;
    }

    Outcome topUp(AccountId wallet, long fen) {
        await(() -> ledger.ensureAccounts(CNY, "shop-privacy"));
        String ref = "t-" + UUID.randomUUID();
        return tx(() ->
                ledger.execute(new LedgerCommand.TopUp(wallet, layout.funding(CNY, ref), new Money(fen, CNY), ref)));
    }

    Outcome transfer(AccountId from, AccountId to, long fen) {
        return tx(() -> ledger.execute(new LedgerCommand.Transfer(
                EntryKind.TRANSFER, from, to, new Money(fen, CNY), "x-" + UUID.randomUUID())));
    }

    Optional<Account> account(AccountId id) {
        return await(() -> Panache.withSession(() -> store.find(id)));
    }

    static String subject() {
        return UUID.randomUUID().toString();
    }

    static String requestId() {
        return "dsr_" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void exportHoldsTheSubjectsWalletsAndPostingsAndNothingOfAnother() {
        String alice = subject();
        String bob = subject();
        var aliceWallet = wallet(alice);
        var bobWallet = wallet(bob);
        assertThat(topUp(aliceWallet, 5_000)).isInstanceOf(Outcome.Posted.class);
        assertThat(transfer(aliceWallet, bobWallet, 1_200)).isInstanceOf(Outcome.Posted.class);

        ObjectNode export = await(() -> participant.export(alice));

        assertThat(participant.service()).isEqualTo("wallet-service");
        assertThat(export.path("wallets")).hasSize(1);
        var w = export.path("wallets").get(0);
        assertThat(w.path("id").asText()).isEqualTo(aliceWallet.value());
        assertThat(w.path("balance").asLong()).isEqualTo(3_800);
        assertThat(w.path("currency").asText()).isEqualTo("CNY");
        assertThat(w.path("kycTier").asText()).isEqualTo("class_ii");
        var postings = export.path("postings");
        assertThat(postings).hasSize(2);
        assertThat(postings.get(0).path("direction").asText()).isEqualTo("credit");
        assertThat(postings.get(0).path("kind").asText()).isEqualTo("top_up");
        assertThat(postings.get(1).path("direction").asText()).isEqualTo("debit");
        assertThat(postings.get(1).path("amount").asLong()).isEqualTo(1_200);
        assertThat(postings.get(1).path("balanceAfter").asLong()).isEqualTo(3_800);
        assertThat(export.toString()).doesNotContain(bobWallet.value()).doesNotContain(bob);
    }

    @Test
    void prepareIsBlockedWhileAWalletHoldsMoneyOrHasActiveHolds() {
        String carol = subject();
        var wallet = wallet(carol);
        topUp(wallet, 1_000);
        assertThat(await(() -> participant.prepareErasure(requestId(), carol)))
                .isInstanceOfSatisfying(
                        ErasureCheck.Blocked.class, b -> assertThat(b.code()).isEqualTo("wallet_balance_not_zero"));
        assertThat(account(wallet).orElseThrow().closing()).isFalse();

        // money reserved by a payment still pending: the holds are named first
        String dave = subject();
        var daveWallet = wallet(dave);
        topUp(daveWallet, 1_000);
        var expires = Instant.now().plusSeconds(3_600);
        assertThat(tx(() -> ledger.execute(
                        new LedgerCommand.PlaceHold(UUID.randomUUID(), daveWallet, new Money(400, CNY), expires, "p-1"),
                        "shop-privacy")))
                .isInstanceOf(Outcome.HoldChanged.class);
        assertThat(await(() -> participant.prepareErasure(requestId(), dave)))
                .isInstanceOfSatisfying(
                        ErasureCheck.Blocked.class, b -> assertThat(b.code()).isEqualTo("wallet_holds_pending"));
    }

    @Test
    void aPreparedWalletRefusesMovementsAndTheSagasCommandsUntilTheAbort() {
        String erin = subject();
        String frank = subject();
        var erinWallet = wallet(erin);
        var frankWallet = wallet(frank);
        topUp(frankWallet, 2_000);
        String request = requestId();

        assertThat(await(() -> participant.prepareErasure(request, erin))).isInstanceOf(ErasureCheck.Ready.class);
        assertThat(await(() -> participant.prepareErasure(request, erin))).isInstanceOf(ErasureCheck.Ready.class);

        assertThat(transfer(frankWallet, erinWallet, 500)).isEqualTo(Outcome.Refused.of(RefusalReason.WALLET_CLOSING));
        assertThat(topUp(erinWallet, 500)).isEqualTo(Outcome.Refused.of(RefusalReason.WALLET_CLOSING));
        assertThat(account(erinWallet).orElseThrow().balance()).isZero();

        // the saga's command is answered with a refusal (not retried, not dead-lettered)
        String command = UUID.randomUUID().toString();
        String payment = "pi_" + UUID.randomUUID().toString().replace("-", "");
        Rails.send(Rails.creditCommand(command, payment, erin, erinWallet.value(), 500, "CNY"), payment);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> answer(command).isPresent());
        assertThat(answer(command).orElseThrow())
                .contains("io.payguard.wallet.top_up.refused.v1")
                .contains("wallet_closing");

        await(() -> participant.abortErasure(request, erin));
        await(() -> participant.abortErasure(request, erin));
        assertThat(account(erinWallet).orElseThrow().closing()).isFalse();
        assertThat(transfer(frankWallet, erinWallet, 500)).isInstanceOf(Outcome.Posted.class);
    }

    Optional<String> answer(String commandId) {
        return await(() -> Panache.withSession(() -> NativeSql.select(
                        "SELECT event, 0 FROM command_answer WHERE command_id = ?1", List.of(commandId))))
                .stream()
                .map(r -> (String) r[0])
                .findFirst();
    }

    @Test
    void commitClosesAndPseudonymisesTheWalletsAnswersTheSameTwiceAndTheHoldEndDeletesThem() {
        String grace = subject();
        String heidi = subject();
        var wallet = wallet(grace);
        var heidiWallet = wallet(heidi);
        topUp(wallet, 700);
        assertThat(transfer(wallet, heidiWallet, 700)).isInstanceOf(Outcome.Posted.class);
        String request = requestId();
        String pseudonym = "psn_" + UUID.randomUUID().toString().replace("-", "");
        assertThat(await(() -> participant.prepareErasure(request, grace))).isInstanceOf(ErasureCheck.Ready.class);

        Instant before = Instant.now();
        List<ErasureOutcome> outcomes = await(() -> participant.commitErasure(request, grace, pseudonym));

        assertThat(outcomes)
                .extracting(ErasureOutcome::dataType, ErasureOutcome::action, ErasureOutcome::count)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("wallets", ErasureOutcome.Action.PSEUDONYMISED_HELD, 1L),
                        org.assertj.core.groups.Tuple.tuple("postings", ErasureOutcome.Action.PSEUDONYMISED_HELD, 2L));
        Instant fiveYears =
                before.atOffset(ZoneOffset.UTC).plus(Period.ofYears(5)).toInstant();
        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.holdUntil()).isBetween(fiveYears.minusSeconds(1), fiveYears.plusSeconds(120));
            assertThat(o.legalBasis()).contains("Anti-Money Laundering");
        });
        var closed = account(wallet).orElseThrow();
        assertThat(closed.owner()).isEqualTo(pseudonym);
        assertThat(closed.closing()).isTrue();
        assertThat(await(() -> participant.export(grace)).path("wallets")).isEmpty();
        assertThat(await(() -> participant.commitErasure(request, grace, pseudonym)))
                .isEqualTo(outcomes);
        assertThat(topUp(wallet, 100)).isEqualTo(Outcome.Refused.of(RefusalReason.WALLET_CLOSING));

        // before the hold's end nothing goes; after it the wallet and its postings do, the other side's stay
        assertThat(await(() -> holdEnd.endHolds(Instant.now())).holdsEnded()).isGreaterThanOrEqualTo(0);
        assertThat(account(wallet)).isPresent();
        var report = await(() -> holdEnd.endHolds(fiveYears.plusSeconds(600)));
        assertThat(report.holdsEnded()).isGreaterThanOrEqualTo(1);
        assertThat(report.rowsDeleted()).isGreaterThanOrEqualTo(3);
        assertThat(account(wallet)).isEmpty();
        assertThat(account(heidiWallet).orElseThrow().balance()).isEqualTo(700);
        assertThat(await(() -> Panache.withSession(() -> NativeSql.select(
                        "SELECT hold_ended_at, deleted_count FROM privacy_outcome WHERE request_id = ?1 AND data_type = 'postings'",
                        List.of(request)))))
                .singleElement()
                .satisfies(r -> assertThat(((Number) r[1]).longValue()).isEqualTo(3));
        assertThat(await(() -> Panache.withSession(() -> ledger.checkInvariants()))
                        .ok())
                .isTrue();
        assertThatThrownBy(() -> tx(() -> NativeSql.update("DELETE FROM posting WHERE seq < 0", List.of())))
                .hasStackTraceContaining("immutable");
    }
}

package io.payguard.wallet.adapter.out.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.kernel.Money;
import io.payguard.platform.messaging.CloudEventCodec;
import io.payguard.platform.testing.contracts.EventContracts;
import io.payguard.wallet.application.Ids;
import io.payguard.wallet.application.WalletAnswer;
import io.payguard.wallet.domain.AccountId;

/**
 * The answers on {@code wallet.events} are the payment service's contract (contracts/events/README.md): each typed
 * answer becomes exactly the event type and data, field for field and in order, that the service has always sent.
 */
class WalletAnswersWireTest {

    static final UUID HOLD = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    static final UUID ENTRY = UUID.fromString("0192a8f0-0000-7000-8000-000000000001");
    static final AccountId WALLET = new AccountId("w-11111111-2222-3333-4444-555555555555");
    static final Money AMOUNT = Money.of(2_500, "CNY");
    static final String HEAD = "{\"causationId\":\"cmd-1\",\"paymentId\":\"pi_1\"";
    static final String AMT = "\"amount\":{\"minor\":2500,\"currency\":\"CNY\"}";

    final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    final OutboxWalletAnswers answers =
            new OutboxWalletAnswers(null, null, new CloudEventCodec(new ObjectMapper()), clock, new Ids(clock));

    record Case(WalletAnswer answer, String type, String data) {
        @Override
        public String toString() {
            return type;
        }
    }

    static Case[] cases() {
        String holdId = "\"holdId\":\"" + HOLD + "\"";
        String walletId = "\"walletId\":\"" + WALLET.value() + "\"";
        String entryId = "\"entryId\":\"" + ENTRY + "\"";
        return new Case[] {
            new Case(
                    new WalletAnswer.HoldPlaced("pi_1", HOLD, WALLET, AMOUNT),
                    "hold.placed.v1",
                    holdId + "," + walletId + "," + AMT),
            new Case(
                    new WalletAnswer.HoldCaptured("pi_1", HOLD, WALLET, AMOUNT, AMOUNT.withMinor(0), ENTRY),
                    "hold.captured.v1",
                    holdId + "," + walletId + "," + AMT + ",\"released\":{\"minor\":0,\"currency\":\"CNY\"},"
                            + entryId),
            new Case(
                    new WalletAnswer.HoldCaptured("pi_1", HOLD, null, AMOUNT, AMOUNT.withMinor(500), ENTRY),
                    "hold.captured.v1",
                    holdId + "," + AMT + ",\"released\":{\"minor\":500,\"currency\":\"CNY\"}," + entryId),
            new Case(
                    new WalletAnswer.HoldVoided("pi_1", HOLD, Money.of(1_000, "CNY")),
                    "hold.voided.v1",
                    holdId + ",\"released\":{\"minor\":1000,\"currency\":\"CNY\"}"),
            new Case(
                    new WalletAnswer.HoldRefused("pi_1", "limit_exceeded", "class_i_daily"),
                    "hold.refused.v1",
                    "\"reason\":\"limit_exceeded\",\"limit\":\"class_i_daily\""),
            new Case(
                    new WalletAnswer.HoldRefused("pi_1", "merchant_not_found", null),
                    "hold.refused.v1",
                    "\"reason\":\"merchant_not_found\""),
            new Case(
                    new WalletAnswer.RefundCompleted("pi_1", "re_1", AMOUNT, ENTRY),
                    "refund.completed.v1",
                    "\"refundId\":\"re_1\"," + AMT + "," + entryId),
            new Case(
                    new WalletAnswer.RefundRefused("pi_1", "re_1", "insufficient_funds"),
                    "refund.refused.v1",
                    "\"refundId\":\"re_1\",\"reason\":\"insufficient_funds\""),
            new Case(
                    new WalletAnswer.TopUpCredited("pi_1", WALLET, AMOUNT, ENTRY),
                    "top_up.credited.v1",
                    walletId + "," + AMT + "," + entryId),
            new Case(
                    new WalletAnswer.TopUpRefused("pi_1", WALLET, "currency_mismatch"),
                    "top_up.refused.v1",
                    walletId + ",\"reason\":\"currency_mismatch\""),
            new Case(
                    new WalletAnswer.TopUpReversed("pi_1", "re_1", WALLET, AMOUNT, ENTRY),
                    "top_up.reversed.v1",
                    "\"refundId\":\"re_1\"," + walletId + "," + AMT + "," + entryId),
            new Case(
                    new WalletAnswer.TopUpReverseRefused("pi_1", "re_1", "insufficient_funds"),
                    "top_up.reverse_refused.v1",
                    "\"refundId\":\"re_1\",\"reason\":\"insufficient_funds\""),
            new Case(
                    new WalletAnswer.PayoutReturned("pi_1", WALLET, AMOUNT, ENTRY),
                    "payout.returned.v1",
                    walletId + "," + AMT + "," + entryId),
            new Case(
                    new WalletAnswer.Rejected("pi_1", "unknown_hold"),
                    "command.rejected.v1",
                    "\"reason\":\"unknown_hold\""),
        };
    }

    @ParameterizedTest
    @MethodSource("cases")
    void eachAnswerIsTheContractsEvent(Case c) {
        var event = answers.event("cmd-1", c.answer());
        assertThat(event.type()).isEqualTo("io.payguard.wallet." + c.type());
        assertThat(event.source()).isEqualTo("/payguard/wallet-service");
        assertThat(event.subject()).isEqualTo("payment/pi_1");
        assertThat(event.time()).isEqualTo(clock.instant());
        assertThat(event.data().toString()).isEqualTo(HEAD + "," + c.data() + "}");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void eachAnswerConformsToItsSchemaInContractsEvents(Case c) {
        EventContracts.assertConforms(answers.event(UUID.randomUUID().toString(), c.answer()));
    }
}

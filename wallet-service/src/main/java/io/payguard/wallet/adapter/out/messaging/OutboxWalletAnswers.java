package io.payguard.wallet.adapter.out.messaging;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.kernel.Money;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.CloudEventCodec;
import io.payguard.platform.messaging.Outbox;
import io.payguard.wallet.application.Ids;
import io.payguard.wallet.application.WalletAnswer;
import io.payguard.wallet.application.port.CommandAnswers;
import io.payguard.wallet.application.port.WalletAnswers;
import io.payguard.wallet.domain.AccountId;
import io.smallrye.mutiny.Uni;

/**
 * The answers to wallet commands as CloudEvents on {@code wallet.events} (contracts/events/README.md), keyed by the
 * payment: each is stored ({@link CommandAnswers}, {@code command_answer}) and appended to the {@link Outbox} in the
 * caller's transaction. Every answer's data starts with {@code causationId} (the command's id) and {@code paymentId}.
 */
@ApplicationScoped
public class OutboxWalletAnswers implements WalletAnswers {

    public static final String WALLET_EVENTS = "wallet.events";
    static final String PREFIX = "io.payguard.wallet.";

    private final CommandAnswers answers;
    private final Outbox outbox;
    private final CloudEventCodec codec;
    private final Clock clock;
    private final Ids ids;

    public OutboxWalletAnswers(CommandAnswers answers, Outbox outbox, CloudEventCodec codec, Clock clock, Ids ids) {
        this.answers = answers;
        this.outbox = outbox;
        this.codec = codec;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public Uni<Void> answer(String commandId, WalletAnswer answer) {
        var event = event(commandId, answer);
        return answers.save(commandId, codec.write(event), clock.instant())
                .flatMap(x -> outbox.append(WALLET_EVENTS, "payment", answer.paymentId(), event));
    }

    @Override
    public Uni<Void> republish(String commandId) {
        return answers.find(commandId).flatMap(stored -> {
            if (stored.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            var answer = codec.read(stored.get());
            return answers.pendingInOutbox(UUID.fromString(answer.id()))
                    .flatMap(pending -> pending
                            ? Uni.createFrom().voidItem()
                            : outbox.append(
                                    WALLET_EVENTS,
                                    "payment",
                                    answer.data().path("paymentId").asText(),
                                    answer));
        });
    }

    CloudEvent event(String commandId, WalletAnswer answer) {
        var data = new Data(codec.mapper().createObjectNode())
                .text("causationId", commandId)
                .text("paymentId", answer.paymentId());
        String type = write(data, answer);
        return CloudEvent.of(
                ids.next().toString(),
                "/payguard/wallet-service",
                PREFIX + type,
                "payment/" + answer.paymentId(),
                clock.instant(),
                data.node);
    }

    /** Writes the answer's own fields after the common head, in the contract's order; returns the event type. */
    private static String write(Data d, WalletAnswer answer) {
        return switch (answer) {
            case WalletAnswer.HoldPlaced a ->
                d.id("holdId", a.holdId())
                        .wallet(a.walletId())
                        .money("amount", a.amount())
                        .type("hold.placed.v1");
            case WalletAnswer.HoldCaptured a ->
                d.id("holdId", a.holdId())
                        .wallet(a.walletId())
                        .money("amount", a.amount())
                        .money("released", a.released())
                        .id("entryId", a.entryId())
                        .type("hold.captured.v1");
            case WalletAnswer.HoldVoided a ->
                d.id("holdId", a.holdId()).money("released", a.released()).type("hold.voided.v1");
            case WalletAnswer.HoldRefused a ->
                d.text("reason", a.reason()).textIfPresent("limit", a.limit()).type("hold.refused.v1");
            case WalletAnswer.RefundCompleted a ->
                d.text("refundId", a.refundId())
                        .money("amount", a.amount())
                        .id("entryId", a.entryId())
                        .type("refund.completed.v1");
            case WalletAnswer.RefundRefused a ->
                d.text("refundId", a.refundId()).text("reason", a.reason()).type("refund.refused.v1");
            case WalletAnswer.TopUpCredited a ->
                d.wallet(a.walletId())
                        .money("amount", a.amount())
                        .id("entryId", a.entryId())
                        .type("top_up.credited.v1");
            case WalletAnswer.TopUpRefused a ->
                d.wallet(a.walletId()).text("reason", a.reason()).type("top_up.refused.v1");
            case WalletAnswer.TopUpReversed a ->
                d.text("refundId", a.refundId())
                        .wallet(a.walletId())
                        .money("amount", a.amount())
                        .id("entryId", a.entryId())
                        .type("top_up.reversed.v1");
            case WalletAnswer.TopUpReverseRefused a ->
                d.text("refundId", a.refundId()).text("reason", a.reason()).type("top_up.reverse_refused.v1");
            case WalletAnswer.PayoutReturned a ->
                d.wallet(a.walletId())
                        .money("amount", a.amount())
                        .id("entryId", a.entryId())
                        .type("payout.returned.v1");
            case WalletAnswer.Rejected a -> d.text("reason", a.reason()).type("command.rejected.v1");
        };
    }

    /** An answer's data, field after field. */
    private record Data(ObjectNode node) {

        Data text(String field, String value) {
            node.put(field, value);
            return this;
        }

        Data textIfPresent(String field, String value) {
            return value == null ? this : text(field, value);
        }

        Data id(String field, UUID id) {
            return text(field, id.toString());
        }

        /** {@code walletId}, left out when the answer has none (a payout's or a merchant capture's hold). */
        Data wallet(AccountId wallet) {
            return wallet == null ? this : text("walletId", wallet.value());
        }

        Data money(String field, Money money) {
            var amount = node.putObject(field);
            amount.put("minor", money.minor());
            amount.put("currency", money.currencyCode());
            return this;
        }

        String type(String type) {
            return type;
        }
    }
}

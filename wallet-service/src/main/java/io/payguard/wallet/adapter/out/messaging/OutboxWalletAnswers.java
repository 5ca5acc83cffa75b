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
        ObjectNode d = codec.mapper().createObjectNode();
        d.put("causationId", commandId);
        d.put("paymentId", answer.paymentId());
        String type = switch (answer) {
            case WalletAnswer.HoldPlaced a -> {
                d.put("holdId", a.holdId().toString());
                d.put("walletId", a.walletId().value());
                money(d, "amount", a.amount());
                yield "hold.placed.v1";
            }
            case WalletAnswer.HoldCaptured a -> {
                d.put("holdId", a.holdId().toString());
                if (a.walletId() != null) {
                    d.put("walletId", a.walletId().value());
                }
                money(d, "amount", a.amount());
                money(d, "released", a.released());
                d.put("entryId", a.entryId().toString());
                yield "hold.captured.v1";
            }
            case WalletAnswer.HoldVoided a -> {
                d.put("holdId", a.holdId().toString());
                money(d, "released", a.released());
                yield "hold.voided.v1";
            }
            case WalletAnswer.HoldRefused a -> {
                d.put("reason", a.reason());
                if (a.limit() != null) {
                    d.put("limit", a.limit());
                }
                yield "hold.refused.v1";
            }
            case WalletAnswer.RefundCompleted a -> {
                d.put("refundId", a.refundId());
                money(d, "amount", a.amount());
                d.put("entryId", a.entryId().toString());
                yield "refund.completed.v1";
            }
            case WalletAnswer.RefundRefused a -> {
                d.put("refundId", a.refundId());
                d.put("reason", a.reason());
                yield "refund.refused.v1";
            }
            case WalletAnswer.TopUpCredited a -> {
                d.put("walletId", a.walletId().value());
                money(d, "amount", a.amount());
                d.put("entryId", a.entryId().toString());
                yield "top_up.credited.v1";
            }
            case WalletAnswer.TopUpRefused a -> {
                d.put("walletId", a.walletId().value());
                d.put("reason", a.reason());
                yield "top_up.refused.v1";
            }
            case WalletAnswer.TopUpReversed a -> {
                d.put("refundId", a.refundId());
                d.put("walletId", a.walletId().value());
                money(d, "amount", a.amount());
                d.put("entryId", a.entryId().toString());
                yield "top_up.reversed.v1";
            }
            case WalletAnswer.TopUpReverseRefused a -> {
                d.put("refundId", a.refundId());
                d.put("reason", a.reason());
                yield "top_up.reverse_refused.v1";
            }
            case WalletAnswer.PayoutReturned a -> {
                d.put("walletId", a.walletId().value());
                money(d, "amount", a.amount());
                d.put("entryId", a.entryId().toString());
                yield "payout.returned.v1";
            }
            case WalletAnswer.Rejected a -> {
                d.put("reason", a.reason());
                yield "command.rejected.v1";
            }
        };
        return CloudEvent.of(
                ids.next().toString(),
                "/payguard/wallet-service",
                PREFIX + type,
                "payment/" + answer.paymentId(),
                clock.instant(),
                d);
    }

    private static void money(ObjectNode data, String field, Money money) {
        var node = data.putObject(field);
        node.put("minor", money.minor());
        node.put("currency", money.currencyCode());
    }
}

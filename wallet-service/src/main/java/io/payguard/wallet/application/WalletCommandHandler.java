package io.payguard.wallet.application;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.kernel.Money;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.CloudEventCodec;
import io.payguard.platform.messaging.MalformedEventException;
import io.payguard.platform.messaging.Outbox;
import io.payguard.platform.messaging.ProcessedEvents;
import io.payguard.platform.web.merchant.MerchantDirectory;
import io.payguard.platform.web.money.MoneyInputs;
import io.payguard.wallet.domain.AccountId;
import io.payguard.wallet.domain.LedgerCommand;
import io.payguard.wallet.domain.Outcome;
import io.payguard.wallet.domain.RefusalReason;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Answers the payment service's wallet commands (contracts/events/README.md) exactly once each: the effect,
 * the processed-event record, the stored answer and the answer's outbox row commit together. A command seen
 * before has no second effect; its stored answer is published again (same event id, so consumers
 * de-duplicate it). A command that is not well-formed is a {@link MalformedEventException}: it goes to the
 * dead-letter topic.
 */
@ApplicationScoped
public class WalletCommandHandler {

    public static final String CONSUMER = "wallet-commands";
    public static final String WALLET_EVENTS = "wallet.events";
    static final String PREFIX = "io.payguard.wallet.";

    /** A parsed, well-formed wallet command. */
    sealed interface Command {
        String paymentId();

        /** {@code capture}: capture the whole hold in the same transaction (automatic capture, one round trip). */
        record PlaceHold(String paymentId, String customerId, String merchantId, Money amount, Instant expiresAt, boolean capture) implements Command {
        }

        record Capture(String paymentId, UUID holdId, Money amount) implements Command {
        }

        record Void(String paymentId, UUID holdId) implements Command {
        }

        record Refund(String paymentId, String refundId, String merchantId, String customerId, Money amount) implements Command {
        }

        /** A payout to the customer's bank account: hold the money on their own wallet until the bank has paid. */
        record PayoutHold(String paymentId, AccountId walletId, String customerId, Money amount, Instant expiresAt) implements Command {
        }

        /** The bank paid the payout: the held money goes to withdrawal clearing (only now is the wallet debited). */
        record PayoutSettle(String paymentId, UUID holdId, Money amount) implements Command {
        }

        /** The bank returned a paid payout: the money comes back from withdrawal clearing to the wallet. */
        record PayoutReturn(String paymentId, AccountId walletId, String customerId, Money amount) implements Command {
        }

        /** A top-up refunded to its card: the wallet gives the money back to funding clearing first, or refuses. */
        record ReverseTopUp(String paymentId, String refundId, AccountId walletId, String customerId, Money amount) implements Command {
        }

        /** A card charge the payment service captured for the customer's own wallet: the money a rail delivered. */
        record CreditTopUp(String paymentId, AccountId walletId, String customerId, Money amount) implements Command {
        }
    }

    private final LedgerService ledger;
    private final LedgerStore ledgerStore;
    private final WalletStore wallets;
    private final AccountLayout layout;
    private final ProcessedEvents processed;
    private final CommandAnswers answers;
    private final Outbox outbox;
    private final CloudEventCodec codec;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Ids ids;
    private final MoneyInputs money;
    private final MerchantDirectory merchants;

    public WalletCommandHandler(LedgerService ledger, LedgerStore ledgerStore, WalletStore wallets, AccountLayout layout, ProcessedEvents processed,
            CommandAnswers answers, Outbox outbox, CloudEventCodec codec, Clock clock, Ids ids, MoneyInputs money, MerchantDirectory merchants) {
        this.merchants = merchants;
        this.money = money;
        this.ledger = ledger;
        this.ledgerStore = ledgerStore;
        this.wallets = wallets;
        this.layout = layout;
        this.processed = processed;
        this.answers = answers;
        this.outbox = outbox;
        this.codec = codec;
        this.mapper = codec.mapper();
        this.clock = clock;
        this.ids = ids;
    }

    /** @return true when the command took effect now, false when it had been answered before */
    public Uni<Boolean> handle(CloudEvent event) {
        var command = parse(event);
        Uni<java.lang.Void> ready = switch (command) {
            case Command.PlaceHold c -> merchants.lookup(c.merchantId())
                    .flatMap(m -> ledger.ensureAccounts(c.amount().currency(), MerchantDirectory.refusal(m).isEmpty() ? c.merchantId() : null));
            case Command.Refund c -> ledger.ensureAccounts(c.amount().currency(), c.merchantId());
            case Command.CreditTopUp c -> ledger.ensureAccounts(c.amount().currency(), null);
            case Command.PayoutHold c -> ledger.ensureAccounts(c.amount().currency(), null);
            case Command.PayoutSettle c -> ledger.ensureAccounts(c.amount().currency(), null);
            case Command.PayoutReturn c -> ledger.ensureAccounts(c.amount().currency(), null);
            case Command.ReverseTopUp c -> ledger.ensureAccounts(c.amount().currency(), null);
            default -> Uni.createFrom().voidItem();
        };
        return ready.flatMap(x -> Panache.withTransaction(() -> processed.markProcessed(CONSUMER, event.id()).flatMap(first -> first
                ? effect(command, event.id()).flatMap(answer -> answers.save(event.id(), codec.write(answer), clock.instant())
                        .flatMap(y -> outbox.append(WALLET_EVENTS, "payment", command.paymentId(), answer))).replaceWith(true)
                : republish(event.id()).replaceWith(false))));
    }

    private Uni<java.lang.Void> republish(String commandId) {
        return answers.find(commandId).flatMap(stored -> {
            if (stored.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            var answer = codec.read(stored.get());
            return answers.pendingInOutbox(UUID.fromString(answer.id())).flatMap(pending -> pending ? Uni.createFrom().voidItem()
                    : outbox.append(WALLET_EVENTS, "payment", answer.data().path("paymentId").asText(), answer));
        });
    }

    private Uni<CloudEvent> effect(Command command, String commandId) {
        if (command instanceof Command.PlaceHold c) {
            var refusal = MerchantDirectory.refusal(merchants.find(c.merchantId()));
            if (refusal.isPresent()) { // the payee is unknown or suspended in the merchant directory: nothing is held
                return Uni.createFrom().item(answer("hold.refused.v1", commandId, c.paymentId(), d -> d.put("reason", refusal.get().code())));
            }
        }
        return switch (command) {
            case Command.PlaceHold c -> wallets.walletOf(c.customerId(), c.amount().currency()).flatMap(wallet -> {
                if (wallet.isEmpty()) {
                    return Uni.createFrom().item(answer("hold.refused.v1", commandId, c.paymentId(), d -> d.put("reason", RefusalReason.WALLET_NOT_FOUND.id())));
                }
                var holdId = ids.next();
                var walletId = wallet.get().id();
                if (c.capture()) {
                    // place and capture in this one transaction: the engine applies both rules or neither
                    var payee = layout.merchantBucket(c.merchantId(), c.amount().currency(), c.paymentId());
                    return ledger.execute(new LedgerCommand.PlaceAndCaptureHold(holdId, walletId, payee, c.amount(), c.expiresAt(), c.paymentId()),
                            c.merchantId()).map(outcome -> switch (outcome) {
                                case Outcome.Posted p -> answer("hold.captured.v1", commandId, c.paymentId(), d -> {
                                    d.put("holdId", holdId.toString());
                                    d.put("walletId", walletId.value());
                                    money(d, "amount", c.amount().minor(), c.amount());
                                    money(d, "released", p.released(), c.amount());
                                    d.put("entryId", p.entry().id().toString());
                                });
                                case Outcome.Refused r -> holdRefused(commandId, c.paymentId(), r);
                                default -> rejected(commandId, c.paymentId(), outcome);
                            });
                }
                return ledger.execute(new LedgerCommand.PlaceHold(holdId, walletId, c.amount(), c.expiresAt(), c.paymentId()), c.merchantId())
                        .map(outcome -> switch (outcome) {
                            case Outcome.HoldChanged h -> answer("hold.placed.v1", commandId, c.paymentId(), d -> {
                                d.put("holdId", holdId.toString());
                                d.put("walletId", walletId.value());
                                money(d, "amount", c.amount().minor(), c.amount());
                            });
                            case Outcome.Refused r -> holdRefused(commandId, c.paymentId(), r);
                            default -> rejected(commandId, c.paymentId(), outcome);
                        });
            });
            case Command.Capture c -> ledgerStore.hold(c.holdId(), false).flatMap(hold -> {
                if (hold.isEmpty() || !hold.get().reference().equals(c.paymentId())) {
                    return Uni.createFrom().item(rejected(commandId, c.paymentId(), new Outcome.Rejected("unknown_hold")));
                }
                return ledgerStore.holdMerchant(c.holdId()).flatMap(merchant -> {
                    if (merchant.isEmpty() || merchant.get() == null) {
                        return Uni.createFrom().item(rejected(commandId, c.paymentId(), new Outcome.Rejected("hold_has_no_merchant")));
                    }
                    var payee = layout.merchantBucket(merchant.get(), c.amount().currency(), c.paymentId());
                    return ledger.execute(new LedgerCommand.CaptureHold(c.holdId(), payee, c.amount(), c.paymentId())).map(outcome -> switch (outcome) {
                        case Outcome.Posted p -> answer("hold.captured.v1", commandId, c.paymentId(), d -> {
                            d.put("holdId", c.holdId().toString());
                            money(d, "amount", c.amount().minor(), c.amount());
                            money(d, "released", p.released(), c.amount());
                            d.put("entryId", p.entry().id().toString());
                        });
                        default -> rejected(commandId, c.paymentId(), outcome);
                    });
                });
            });
            case Command.Void c -> ledgerStore.hold(c.holdId(), false).flatMap(hold -> {
                if (hold.isEmpty() || !hold.get().reference().equals(c.paymentId())) {
                    return Uni.createFrom().item(rejected(commandId, c.paymentId(), new Outcome.Rejected("unknown_hold")));
                }
                return ledger.execute(new LedgerCommand.VoidHold(c.holdId(), c.paymentId())).map(outcome -> switch (outcome) {
                    case Outcome.HoldChanged h -> answer("hold.voided.v1", commandId, c.paymentId(), d -> {
                        d.put("holdId", c.holdId().toString());
                        money(d, "released", h.released(), h.hold().amount());
                    });
                    default -> rejected(commandId, c.paymentId(), outcome);
                });
            });
            case Command.Refund c -> wallets.walletOf(c.customerId(), c.amount().currency()).flatMap(wallet -> {
                if (wallet.isEmpty()) {
                    return Uni.createFrom().item(refundRefused(commandId, c, RefusalReason.WALLET_NOT_FOUND.id()));
                }
                var buckets = layout.merchantBuckets(c.merchantId(), c.amount().currency());
                return ledger.execute(new LedgerCommand.Refund(buckets, wallet.get().id(), c.amount(), "refund:" + c.refundId())).map(outcome -> switch (outcome) {
                    case Outcome.Posted p -> answer("refund.completed.v1", commandId, c.paymentId(), d -> {
                        d.put("refundId", c.refundId());
                        money(d, "amount", c.amount().minor(), c.amount());
                        d.put("entryId", p.entry().id().toString());
                    });
                    case Outcome.Refused r -> refundRefused(commandId, c, r.reason().id());
                    default -> refundRefused(commandId, c, ((Outcome.Rejected) outcome).reason());
                });
            });
            case Command.CreditTopUp c -> creditTopUp(c, commandId);
            case Command.PayoutHold c -> payoutHold(c, commandId);
            case Command.PayoutSettle c -> payoutSettle(c, commandId);
            case Command.PayoutReturn c -> payoutReturn(c, commandId);
            case Command.ReverseTopUp c -> reverseTopUp(c, commandId);
        };
    }

    /**
     * Credits a captured top-up to the wallet it was made for, from the funding clearing account. The wallet must be
     * the paying customer's own, in the charge's currency and not frozen; otherwise {@code top_up.refused} and the
     * payment service gives the charge back to the card.
     */
    private Uni<CloudEvent> creditTopUp(Command.CreditTopUp c, String commandId) {
        return wallets.owned(c.customerId(), c.walletId()).flatMap(wallet -> {
            if (wallet.isEmpty()) {
                return Uni.createFrom().item(topUpRefused(commandId, c, RefusalReason.WALLET_NOT_FOUND.id()));
            }
            if (!wallet.get().currency().equals(c.amount().currency())) {
                return Uni.createFrom().item(topUpRefused(commandId, c, RefusalReason.CURRENCY_MISMATCH.id()));
            }
            var clearing = layout.funding(c.amount().currency(), c.paymentId());
            return ledger.execute(new LedgerCommand.TopUp(c.walletId(), clearing, c.amount(), "top_up:" + c.paymentId())).map(outcome -> switch (outcome) {
                case Outcome.Posted p -> answer("top_up.credited.v1", commandId, c.paymentId(), d -> {
                    d.put("walletId", c.walletId().value());
                    money(d, "amount", c.amount().minor(), c.amount());
                    d.put("entryId", p.entry().id().toString());
                });
                case Outcome.Refused r -> topUpRefused(commandId, c, r.reason().id());
                default -> rejected(commandId, c.paymentId(), outcome);
            });
        });
    }

    /**
     * Holds a payout's amount on the payer's own wallet (outflow limits of its class apply, as for any hold): answered
     * {@code hold.placed} or {@code hold.refused}; the hold has no merchant and can only be settled into withdrawal
     * clearing or voided.
     */
    private Uni<CloudEvent> payoutHold(Command.PayoutHold c, String commandId) {
        return wallets.owned(c.customerId(), c.walletId()).flatMap(wallet -> {
            if (wallet.isEmpty()) {
                return Uni.createFrom().item(answer("hold.refused.v1", commandId, c.paymentId(), d -> d.put("reason", RefusalReason.WALLET_NOT_FOUND.id())));
            }
            var holdId = ids.next();
            return ledger.execute(new LedgerCommand.PlaceHold(holdId, c.walletId(), c.amount(), c.expiresAt(), c.paymentId()), null)
                    .map(outcome -> switch (outcome) {
                        case Outcome.HoldChanged h -> answer("hold.placed.v1", commandId, c.paymentId(), d -> {
                            d.put("holdId", holdId.toString());
                            d.put("walletId", c.walletId().value());
                            money(d, "amount", c.amount().minor(), c.amount());
                        });
                        case Outcome.Refused r -> holdRefused(commandId, c.paymentId(), r);
                        default -> rejected(commandId, c.paymentId(), outcome);
                    });
        });
    }

    /** The bank paid: the payout's hold is captured into withdrawal clearing ({@code hold.captured}, entry kind withdrawal). */
    private Uni<CloudEvent> payoutSettle(Command.PayoutSettle c, String commandId) {
        return ledgerStore.hold(c.holdId(), false).flatMap(hold -> {
            if (hold.isEmpty() || !hold.get().reference().equals(c.paymentId())) {
                return Uni.createFrom().item(rejected(commandId, c.paymentId(), new Outcome.Rejected("unknown_hold")));
            }
            var clearing = layout.withdrawal(c.amount().currency(), c.paymentId());
            // a merchant payment's hold is never paid out to a bank account
            return ledgerStore.holdMerchant(c.holdId()).flatMap(merchant -> merchant.isPresent() && merchant.get() != null
                    ? Uni.createFrom().item(rejected(commandId, c.paymentId(), new Outcome.Rejected("not_a_payout_hold")))
                    : ledger.execute(new LedgerCommand.CaptureHold(c.holdId(), clearing, c.amount(), c.paymentId())).map(outcome -> switch (outcome) {
                        case Outcome.Posted p -> answer("hold.captured.v1", commandId, c.paymentId(), d -> {
                            d.put("holdId", c.holdId().toString());
                            money(d, "amount", c.amount().minor(), c.amount());
                            money(d, "released", p.released(), c.amount());
                            d.put("entryId", p.entry().id().toString());
                        });
                        default -> rejected(commandId, c.paymentId(), outcome);
                    }));
        });
    }

    /** The bank returned a paid payout: credited back to the payer's wallet from withdrawal clearing. */
    private Uni<CloudEvent> payoutReturn(Command.PayoutReturn c, String commandId) {
        return wallets.owned(c.customerId(), c.walletId()).flatMap(wallet -> {
            if (wallet.isEmpty() || !wallet.get().currency().equals(c.amount().currency())) {
                return Uni.createFrom().item(rejected(commandId, c.paymentId(), new Outcome.Rejected(RefusalReason.WALLET_NOT_FOUND.id())));
            }
            var clearing = layout.withdrawal(c.amount().currency(), c.paymentId());
            return ledger.execute(new LedgerCommand.TopUp(c.walletId(), clearing, c.amount(), "payout_return:" + c.paymentId()))
                    .map(outcome -> switch (outcome) {
                        case Outcome.Posted p -> answer("payout.returned.v1", commandId, c.paymentId(), d -> {
                            d.put("walletId", c.walletId().value());
                            money(d, "amount", c.amount().minor(), c.amount());
                            d.put("entryId", p.entry().id().toString());
                        });
                        default -> rejected(commandId, c.paymentId(), outcome);
                    });
        });
    }

    /**
     * Takes a refunded top-up back out of the payer's wallet into funding clearing, before the card is refunded: answered
     * {@code top_up.reversed} (the payment service then refunds the card) or {@code top_up.reverse_refused} with the reason
     * ({@code insufficient_funds} when the money was spent meanwhile), nothing moved.
     */
    private Uni<CloudEvent> reverseTopUp(Command.ReverseTopUp c, String commandId) {
        return wallets.owned(c.customerId(), c.walletId()).flatMap(wallet -> {
            if (wallet.isEmpty()) {
                return Uni.createFrom().item(reverseRefused(commandId, c, RefusalReason.WALLET_NOT_FOUND.id()));
            }
            if (!wallet.get().currency().equals(c.amount().currency())) {
                return Uni.createFrom().item(reverseRefused(commandId, c, RefusalReason.CURRENCY_MISMATCH.id()));
            }
            var clearing = layout.funding(c.amount().currency(), c.paymentId());
            return ledger.execute(new LedgerCommand.Transfer(io.payguard.wallet.domain.EntryKind.TOP_UP_REFUND, c.walletId(), clearing, c.amount(),
                    "top_up_refund:" + c.refundId())).map(outcome -> switch (outcome) {
                        case Outcome.Posted p -> answer("top_up.reversed.v1", commandId, c.paymentId(), d -> {
                            d.put("refundId", c.refundId());
                            d.put("walletId", c.walletId().value());
                            money(d, "amount", c.amount().minor(), c.amount());
                            d.put("entryId", p.entry().id().toString());
                        });
                        case Outcome.Refused r -> reverseRefused(commandId, c, r.reason().id());
                        case Outcome.Rejected r -> reverseRefused(commandId, c, r.reason());
                        default -> rejected(commandId, c.paymentId(), outcome);
                    });
        });
    }

    private CloudEvent reverseRefused(String commandId, Command.ReverseTopUp c, String reason) {
        return answer("top_up.reverse_refused.v1", commandId, c.paymentId(), d -> {
            d.put("refundId", c.refundId());
            d.put("reason", reason);
        });
    }

    private CloudEvent topUpRefused(String commandId, Command.CreditTopUp c, String reason) {
        return answer("top_up.refused.v1", commandId, c.paymentId(), d -> {
            d.put("walletId", c.walletId().value());
            d.put("reason", reason);
        });
    }

    private CloudEvent holdRefused(String commandId, String paymentId, Outcome.Refused r) {
        return answer("hold.refused.v1", commandId, paymentId, d -> {
            d.put("reason", r.reason().id());
            if (r.limit() != null) {
                d.put("limit", r.limit());
            }
        });
    }

    private CloudEvent refundRefused(String commandId, Command.Refund c, String reason) {
        return answer("refund.refused.v1", commandId, c.paymentId(), d -> {
            d.put("refundId", c.refundId());
            d.put("reason", reason);
        });
    }

    private CloudEvent rejected(String commandId, String paymentId, Outcome outcome) {
        String reason = switch (outcome) {
            case Outcome.Rejected r -> r.reason();
            case Outcome.Refused r -> r.reason().id();
            default -> "unexpected_outcome";
        };
        return answer("command.rejected.v1", commandId, paymentId, d -> d.put("reason", reason));
    }

    private CloudEvent answer(String type, String commandId, String paymentId, java.util.function.Consumer<ObjectNode> fill) {
        ObjectNode data = mapper.createObjectNode();
        data.put("causationId", commandId);
        data.put("paymentId", paymentId);
        fill.accept(data);
        return CloudEvent.of(ids.next().toString(), "/payguard/wallet-service", PREFIX + type, "payment/" + paymentId, clock.instant(), data);
    }

    private static void money(ObjectNode data, String field, long minor, Money currencyOf) {
        var node = data.putObject(field);
        node.put("minor", minor);
        node.put("currency", currencyOf.currencyCode());
    }

    /** Reads a command; anything missing or malformed makes it a poison message. */
    Command parse(CloudEvent event) {
        JsonNode d = event.data();
        if (d == null || !d.isObject()) {
            throw new MalformedEventException("wallet command without data");
        }
        String paymentId = text(d, "paymentId");
        return switch (event.type()) {
            case PREFIX + "hold.place.v1" -> new Command.PlaceHold(paymentId, text(d, "customerId"), merchant(d), positive(d), instant(d, "expiresAt"),
                    flag(d, "capture"));
            case PREFIX + "hold.capture.v1" -> new Command.Capture(paymentId, uuid(d, "holdId"), positive(d));
            case PREFIX + "hold.void.v1" -> new Command.Void(paymentId, uuid(d, "holdId"));
            case PREFIX + "refund.v1" -> new Command.Refund(paymentId, text(d, "refundId"), merchant(d), text(d, "customerId"), positive(d));
            case PREFIX + "top_up.credit.v1" -> new Command.CreditTopUp(paymentId, walletId(d), text(d, "customerId"), positive(d));
            case PREFIX + "top_up.reverse.v1" -> new Command.ReverseTopUp(paymentId, text(d, "refundId"), walletId(d), text(d, "customerId"), positive(d));
            case PREFIX + "payout.hold.v1" -> new Command.PayoutHold(paymentId, walletId(d), text(d, "customerId"), positive(d), instant(d, "expiresAt"));
            case PREFIX + "payout.settle.v1" -> new Command.PayoutSettle(paymentId, uuid(d, "holdId"), positive(d));
            case PREFIX + "payout.return.v1" -> new Command.PayoutReturn(paymentId, walletId(d), text(d, "customerId"), positive(d));
            default -> throw new MalformedEventException("unknown wallet command type " + event.type());
        };
    }

    private static String text(JsonNode d, String field) {
        var v = d.path(field);
        if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > 128) {
            throw new MalformedEventException("wallet command needs '" + field + "'");
        }
        return v.asText();
    }

    /** An optional boolean: absent or null is false, anything but a JSON boolean is malformed. */
    private static boolean flag(JsonNode d, String field) {
        var v = d.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new MalformedEventException("malformed '" + field + "'");
        }
        return v.asBoolean();
    }

    private static String merchant(JsonNode d) {
        String m = text(d, "merchantId");
        if (!AccountLayout.isValidMerchantId(m)) {
            throw new MalformedEventException("malformed 'merchantId'");
        }
        return m;
    }

    private static AccountId walletId(JsonNode d) {
        String id = text(d, "walletId");
        if (!id.matches("w-[0-9a-f-]{36}")) {
            throw new MalformedEventException("malformed 'walletId'");
        }
        return new AccountId(id);
    }

    private static UUID uuid(JsonNode d, String field) {
        try {
            return UUID.fromString(text(d, field));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("malformed '" + field + "'");
        }
    }

    private static Instant instant(JsonNode d, String field) {
        try {
            return Instant.parse(text(d, field));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("malformed '" + field + "'");
        }
    }

    /** A positive JSON integer in an enabled currency: {@code 1.5}, {@code 1.0}, {@code "100"} or XXX never become money. */
    private Money positive(JsonNode d) {
        return money.event(d.path("amount"), "amount");
    }
}

package io.payguard.wallet.adapter.in.messaging;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.payguard.kernel.Money;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.MalformedEventException;
import io.payguard.platform.web.money.MoneyInputs;
import io.payguard.wallet.application.AccountLayout;
import io.payguard.wallet.application.WalletCommand;
import io.payguard.wallet.domain.AccountId;

/**
 * Reads a wallet command event (contracts/events/README.md) into a typed {@link WalletCommand}. A command that is not
 * well-formed (unknown type, missing or malformed field) is a {@link MalformedEventException}: a poison message that
 * goes to the dead-letter topic.
 */
@ApplicationScoped
public class WalletCommandDecoder {

    static final String PREFIX = "io.payguard.wallet.";

    private final MoneyInputs money;

    public WalletCommandDecoder(MoneyInputs money) {
        this.money = money;
    }

    /** Reads a command; anything missing or malformed makes it a poison message. */
    public WalletCommand decode(CloudEvent event) {
        JsonNode d = event.data();
        if (d == null || !d.isObject()) {
            throw new MalformedEventException("wallet command without data");
        }
        String paymentId = text(d, "paymentId");
        return switch (event.type()) {
            case PREFIX + "hold.place.v1" ->
                new WalletCommand.PlaceHold(
                        paymentId,
                        text(d, "customerId"),
                        merchant(d),
                        positive(d),
                        instant(d, "expiresAt"),
                        flag(d, "capture"));
            case PREFIX + "hold.capture.v1" -> new WalletCommand.Capture(paymentId, uuid(d, "holdId"), positive(d));
            case PREFIX + "hold.void.v1" -> new WalletCommand.Void(paymentId, uuid(d, "holdId"));
            case PREFIX + "refund.v1" ->
                new WalletCommand.Refund(
                        paymentId, text(d, "refundId"), merchant(d), text(d, "customerId"), positive(d));
            case PREFIX + "top_up.credit.v1" ->
                new WalletCommand.CreditTopUp(paymentId, walletId(d), text(d, "customerId"), positive(d));
            case PREFIX + "top_up.reverse.v1" ->
                new WalletCommand.ReverseTopUp(
                        paymentId, text(d, "refundId"), walletId(d), text(d, "customerId"), positive(d));
            case PREFIX + "payout.hold.v1" ->
                new WalletCommand.PayoutHold(
                        paymentId, walletId(d), text(d, "customerId"), positive(d), instant(d, "expiresAt"));
            case PREFIX + "payout.settle.v1" ->
                new WalletCommand.PayoutSettle(paymentId, uuid(d, "holdId"), positive(d));
            case PREFIX + "payout.return.v1" ->
                new WalletCommand.PayoutReturn(paymentId, walletId(d), text(d, "customerId"), positive(d));
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

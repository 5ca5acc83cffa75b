package io.payguard.wallet.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import io.payguard.kernel.Money;

/**
 * An authorisation reserve on a wallet: it lowers the wallet's available balance until it is captured
 * (fully or partly, the rest released), voided or expires. {@code reservedOn} is the day its amount was
 * counted against the wallet's outflow limits, so a release gives back the right periods.
 */
public record Hold(
        UUID id,
        AccountId wallet,
        Money amount,
        String reference,
        Instant expiresAt,
        LocalDate reservedOn,
        Status status,
        long captured) {

    public enum Status {
        ACTIVE,
        CAPTURED,
        VOIDED,
        EXPIRED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Hold {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(wallet, "wallet");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
        if (!amount.isPositive() || captured < 0 || captured > amount.minor()) {
            throw new IllegalArgumentException("bad hold amounts");
        }
    }

    public boolean isActive() {
        return status == Status.ACTIVE;
    }

    Hold captured(long amountCaptured) {
        return new Hold(id, wallet, amount, reference, expiresAt, reservedOn, Status.CAPTURED, amountCaptured);
    }

    Hold closed(Status to) {
        return new Hold(id, wallet, amount, reference, expiresAt, reservedOn, to, 0);
    }
}

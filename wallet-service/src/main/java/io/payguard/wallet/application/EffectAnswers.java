package io.payguard.wallet.application;

import java.util.UUID;

import io.payguard.kernel.Money;
import io.payguard.wallet.domain.AccountId;
import io.payguard.wallet.domain.Outcome;
import io.smallrye.mutiny.Uni;

/** The answers the command effects ({@link HoldEffects}, {@link TransferEffects}) share. */
final class EffectAnswers {

    private EffectAnswers() {}

    static Uni<WalletAnswer> now(WalletAnswer answer) {
        return Uni.createFrom().item(answer);
    }

    static Uni<WalletAnswer> rejectedNow(String paymentId, String reason) {
        return now(rejected(paymentId, new Outcome.Rejected(reason)));
    }

    static WalletAnswer holdRefused(String paymentId, Outcome.Refused r) {
        return new WalletAnswer.HoldRefused(paymentId, r.reason().id(), r.limit());
    }

    /** {@code hold.captured}: the captured amount and what the capture released of the hold. */
    static WalletAnswer captured(String paymentId, UUID holdId, AccountId walletId, Money amount, Outcome.Posted p) {
        return new WalletAnswer.HoldCaptured(
                paymentId,
                holdId,
                walletId,
                amount,
                amount.withMinor(p.released()),
                p.entry().id());
    }

    static WalletAnswer rejected(String paymentId, Outcome outcome) {
        String reason = switch (outcome) {
            case Outcome.Rejected r -> r.reason();
            case Outcome.Refused r -> r.reason().id();
            default -> "unexpected_outcome";
        };
        return new WalletAnswer.Rejected(paymentId, reason);
    }
}

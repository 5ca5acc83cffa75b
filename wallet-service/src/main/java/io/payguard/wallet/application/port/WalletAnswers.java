package io.payguard.wallet.application.port;

import io.payguard.wallet.application.WalletAnswer;
import io.smallrye.mutiny.Uni;

/**
 * Gives the payment service the answer to each wallet command ({@code wallet.events}), and keeps it to give it again.
 * Both methods run inside the transaction that handles the command, so the answer commits with its effect.
 */
public interface WalletAnswers {

    /** Stores the answer to {@code commandId} and appends it to the outbox. */
    Uni<Void> answer(String commandId, WalletAnswer answer);

    /**
     * Appends the stored answer to {@code commandId} to the outbox again (same event, so consumers de-duplicate it),
     * unless it is still waiting there; nothing when no answer is stored.
     */
    Uni<Void> republish(String commandId);
}

package io.payguard.wallet.application.port;

import io.payguard.wallet.domain.JournalEntry;
import io.smallrye.mutiny.Uni;

/**
 * Announces the ledger's facts to other services ({@code ledger.events}). Called inside the transaction that posts the
 * entry: the announcement goes through the transactional outbox, so it commits with the entry or not at all.
 */
public interface LedgerEvents {

    Uni<Void> entryPosted(JournalEntry entry);
}

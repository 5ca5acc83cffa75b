package io.payguard.wallet.adapter.out.persistence;

import static io.payguard.platform.protection.classification.DataClass.C2;

import io.payguard.platform.protection.classification.Classified;
import io.payguard.platform.protection.classification.DataKind;

/**
 * The personal columns of wallet-service's tables, classified (issue 18, records of processing). The ledger speaks
 * SQL, so there is no entity to annotate: each record below is one table, each component one column (its name in
 * camelCase), and {@code docs/records-of-processing.md} is generated from these annotations and
 * {@code privacy/processing.properties}. A migration that adds a personal column adds it here too. Nothing instantiates
 * these records.
 */
final class PersonalColumns {

    private PersonalColumns() {}

    /** {@code account}: a customer wallet's balance and what is held on it. */
    record Account(
            @Classified(level = C2, kind = DataKind.BALANCE) long balance,
            @Classified(level = C2, kind = DataKind.BALANCE) long held) {}

    /** {@code posting}: each movement of a customer's money (its kind and time beside it). */
    record Posting(
            @Classified(level = C2, kind = DataKind.TRANSACTION_DETAIL)
            long amount) {}

    /** {@code hold}: money reserved on a customer's wallet for a payment not yet captured. */
    record Hold(
            @Classified(level = C2, kind = DataKind.TRANSACTION_DETAIL)
            long amount) {}
}

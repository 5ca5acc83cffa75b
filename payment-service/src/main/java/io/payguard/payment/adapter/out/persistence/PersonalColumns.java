package io.payguard.payment.adapter.out.persistence;

import static io.payguard.platform.protection.classification.DataClass.C2;
import static io.payguard.platform.protection.classification.DataClass.C3;

import io.payguard.platform.protection.classification.Classified;
import io.payguard.platform.protection.classification.DataKind;

/**
 * The personal columns of payment-service's tables, classified (issue 18, records of processing). The stores here speak
 * SQL, so there is no entity to annotate: each record below is one table, each component one column (its name in
 * camelCase), and {@code docs/records-of-processing.md} is generated from these annotations and
 * {@code privacy/processing.properties}. A migration that adds a personal column adds it here too. Nothing instantiates
 * these records.
 */
final class PersonalColumns {

    private PersonalColumns() {}

    /** {@code card_token}: the PAN as ciphertext under the owner's data key, its keyed fingerprint, the shown parts. */
    record CardToken(
            @Classified(level = C2, kind = DataKind.PAN) String panEnc,
            @Classified(level = C2, kind = DataKind.PAN) String fingerprint,
            @Classified(level = C2, kind = DataKind.PAN) String first6,
            @Classified(level = C2, kind = DataKind.PAN) String last4) {}

    /** {@code bank_account}: number and holder as ciphertext under the owner's data key, the shown last 4. */
    record BankAccount(
            @Classified(level = C2, kind = DataKind.ACCOUNT_NUMBER)
            String numberEnc,

            @Classified(level = C2, kind = DataKind.NAME) String holderEnc,

            @Classified(level = C2, kind = DataKind.ACCOUNT_NUMBER)
            String fingerprint,

            @Classified(level = C2, kind = DataKind.ACCOUNT_NUMBER)
            String last4) {}

    /** {@code payment_intent}, {@code refund}, {@code top_up}, {@code payout}: what a customer paid, when, to whom. */
    record Payment(
            @Classified(level = C2, kind = DataKind.TRANSACTION_DETAIL)
            long amountMinor,

            @Classified(level = C2, kind = DataKind.TRANSACTION_DETAIL)
            String description,

            @Classified(level = C2, kind = DataKind.TRANSACTION_DETAIL)
            String metadata) {}

    /** {@code risk_assessment}: the customer's address and card fingerprint at the time of a payment. */
    record RiskAssessment(
            @Classified(level = C2, kind = DataKind.IP_ADDRESS)
            String ip,

            @Classified(level = C2, kind = DataKind.PAN) String fingerprint) {}

    /** {@code sca_challenge}: a keyed digest of the one-time code, until it is used or expires. */
    record ScaChallenge(
            @Classified(level = C3, kind = DataKind.OTP) String digest) {}
}

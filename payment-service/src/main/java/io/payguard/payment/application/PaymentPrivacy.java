package io.payguard.payment.application;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.payment.application.port.PrivacyStore;
import io.payguard.platform.protection.privacy.ErasureCheck;
import io.payguard.platform.protection.privacy.ErasureOutcome;
import io.payguard.platform.protection.privacy.PrivacyOutcomes;
import io.payguard.platform.protection.privacy.SectionedParticipant;
import io.payguard.platform.protection.privacy.TransactionRecordsHold;
import io.payguard.platform.protection.quarkus.SubjectKeys;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The payment service's part of a data-subject request (issue 18). Export: the subject's payments, refunds, cards
 * (brand, last 4, expiry), bank accounts (bank code, last 4), payouts, authenticators and payment codes. Erasure is
 * refused ({@code payment_in_progress}) while a payment, refund or payout of theirs still moves money; the commit
 * shreds the subject's data key (card numbers, bank account numbers and holders become unreadable), deletes card
 * tokens, authenticators, payment codes and SCA challenges, and pseudonymises payment intents, refunds and payouts,
 * which AML rules keep (the platform's {@link TransactionRecordsHold}), recording each outcome and hold. Every step
 * joins the caller's transaction when there is one and is idempotent per request id (the platform's
 * {@link PrivacyOutcomes}). It is the service's privacy participant: the platform's privacy request consumer calls it
 * for {@code privacy.requests} ({@link SectionedParticipant} turns the export into JSON).
 */
@ApplicationScoped
public class PaymentPrivacy implements SectionedParticipant {

    public static final String SERVICE = "payment-service";

    private final PrivacyStore store;
    private final PrivacyOutcomes recorded;
    private final SubjectKeys keys;
    private final TransactionRecordsHold hold;

    public PaymentPrivacy(PrivacyStore store, PrivacyOutcomes recorded, SubjectKeys keys, TransactionRecordsHold hold) {
        this.store = store;
        this.recorded = recorded;
        this.keys = keys;
        this.hold = hold;
    }

    @Override
    public String service() {
        return SERVICE;
    }

    @Override
    public Uni<Map<String, List<Map<String, Object>>>> exportSections(String subject) {
        return Panache.withSession(() -> store.export(subject));
    }

    /** Blocked while money is moving for the subject; nothing to freeze otherwise (no new payment without them). */
    @Override
    public Uni<ErasureCheck> prepareErasure(String requestId, String subject) {
        return Panache.withSession(() -> store.inProgress(subject))
                .map(
                        moving -> moving == 0
                                ? new ErasureCheck.Ready()
                                : new ErasureCheck.Blocked(
                                        "payment_in_progress",
                                        moving
                                                + " payment(s), refund(s) or payout(s) are still in progress; try again when they are done."));
    }

    @Override
    public Uni<List<ErasureOutcome>> commitErasure(String requestId, String subject, String pseudonym) {
        return recorded.commitOnce(
                requestId,
                pseudonym,
                now -> keys.shred(subject)
                        .flatMap(shredded -> store.erase(subject, pseudonym))
                        .map(c -> List.of(
                                ErasureOutcome.erased("card_tokens", c.cardTokens()),
                                ErasureOutcome.erased("bank_accounts", c.bankAccounts()),
                                ErasureOutcome.erased("authenticators", c.authenticators()),
                                ErasureOutcome.erased("payment_codes", c.paymentCodes()),
                                ErasureOutcome.erased("sca_challenges", c.scaChallenges()),
                                hold.held("payment_intents", c.payments(), now),
                                hold.held("refunds", c.refunds(), now),
                                hold.held("payouts", c.payouts(), now))));
    }

    /** Prepare froze nothing here. */
    @Override
    public Uni<Void> abortErasure(String requestId, String subject) {
        return Uni.createFrom().voidItem();
    }
}

package io.payguard.payment.application;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.payguard.payment.application.port.PrivacyStore;
import io.payguard.platform.protection.privacy.ErasureCheck;
import io.payguard.platform.protection.privacy.ErasureOutcome;
import io.payguard.platform.protection.quarkus.SubjectKeys;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The payment service's part of a data-subject request (issue 18). Export: the subject's payments, refunds, cards
 * (brand, last 4, expiry), bank accounts (bank code, last 4), payouts, authenticators and payment codes. Erasure is
 * refused ({@code payment_in_progress}) while a payment, refund or payout of theirs still moves money; the commit
 * shreds the subject's data key (card numbers, bank account numbers and holders become unreadable), deletes card
 * tokens, authenticators, payment codes and SCA challenges, and pseudonymises payment intents, refunds and payouts,
 * which AML rules keep ({@code payguard.privacy.hold.transaction-records}), recording each outcome and hold. Every step
 * joins the caller's transaction when there is one and is idempotent per request id.
 */
@ApplicationScoped
public class PaymentPrivacy {

    public static final String SERVICE = "payment-service";

    private final PrivacyStore store;
    private final SubjectKeys keys;
    private final Clock clock;
    private final Period transactionRecordsHold;
    private final String legalBasis;

    public PaymentPrivacy(
            PrivacyStore store,
            SubjectKeys keys,
            Clock clock,
            @ConfigProperty(name = "payguard.privacy.hold.transaction-records") Period transactionRecordsHold,
            @ConfigProperty(name = "payguard.privacy.hold.transaction-records-legal-basis") String legalBasis) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
        this.transactionRecordsHold = transactionRecordsHold;
        this.legalBasis = legalBasis;
    }

    public Uni<Map<String, List<Map<String, Object>>>> export(String subject) {
        return Panache.withSession(() -> store.export(subject));
    }

    /** Blocked while money is moving for the subject; nothing to freeze otherwise (no new payment without them). */
    public Uni<ErasureCheck> prepare(String requestId, String subject) {
        return Panache.withSession(() -> store.inProgress(subject))
                .map(
                        moving -> moving == 0
                                ? new ErasureCheck.Ready()
                                : new ErasureCheck.Blocked(
                                        "payment_in_progress",
                                        moving
                                                + " payment(s), refund(s) or payout(s) are still in progress; try again when they are done."));
    }

    public Uni<List<ErasureOutcome>> commit(String requestId, String subject, String pseudonym) {
        return Panache.withTransaction(() -> store.outcomes(requestId).flatMap(done -> {
            if (!done.isEmpty()) {
                return Uni.createFrom().item(done);
            }
            // microseconds, as PostgreSQL keeps them: a redelivered commit answers exactly the same
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Instant holdUntil =
                    now.atOffset(ZoneOffset.UTC).plus(transactionRecordsHold).toInstant();
            return keys.shred(subject)
                    .flatMap(shredded -> store.erase(subject, pseudonym))
                    .map(c -> List.of(
                            erased("card_tokens", c.cardTokens()),
                            erased("bank_accounts", c.bankAccounts()),
                            erased("authenticators", c.authenticators()),
                            erased("payment_codes", c.paymentCodes()),
                            erased("sca_challenges", c.scaChallenges()),
                            held("payment_intents", c.payments(), holdUntil),
                            held("refunds", c.refunds(), holdUntil),
                            held("payouts", c.payouts(), holdUntil)))
                    .call(outcomes -> store.recordOutcomes(requestId, pseudonym, outcomes, now));
        }));
    }

    private static ErasureOutcome erased(String dataType, long count) {
        return ErasureOutcome.erased(dataType, count);
    }

    private ErasureOutcome held(String dataType, long count, Instant holdUntil) {
        return ErasureOutcome.held(dataType, count, holdUntil, legalBasis);
    }

    /** Prepare froze nothing here. */
    public Uni<Void> abort(String requestId, String subject) {
        return Uni.createFrom().voidItem();
    }
}

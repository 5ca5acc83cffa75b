package io.payguard.wallet.application;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.payguard.platform.protection.privacy.ErasureCheck;
import io.payguard.platform.protection.privacy.ErasureOutcome;
import io.payguard.wallet.application.port.PrivacyStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The wallet's part of a data-subject request (issue 18): the export of the subject's wallets and postings, and the
 * erasure. Prepare refuses while a wallet has active holds ({@code wallet_holds_pending}: a payment or payout
 * still pending) or holds money ({@code wallet_balance_not_zero}), else marks the wallets closing under row locks, so no movement can slip in before
 * the commit (the ledger refuses them {@code wallet_closing}). Commit closes them, replaces the owner by the pseudonym
 * and keeps the postings under the AML retention hold; abort lifts the mark. Every step joins the caller's
 * transaction when there is one (the platform's privacy request consumer) and is idempotent.
 */
@ApplicationScoped
public class WalletPrivacy {

    public static final String SERVICE = "wallet-service";

    private final PrivacyStore store;
    private final Clock clock;
    private final Period transactionRecordsHold;
    private final String legalBasis;

    public WalletPrivacy(
            PrivacyStore store,
            Clock clock,
            @ConfigProperty(name = "payguard.privacy.hold.transaction-records") Period transactionRecordsHold,
            @ConfigProperty(name = "payguard.privacy.hold.transaction-records-legal-basis") String legalBasis) {
        this.store = store;
        this.clock = clock;
        this.transactionRecordsHold = transactionRecordsHold;
        this.legalBasis = legalBasis;
    }

    /** Sections {@code wallets} and {@code postings}. */
    public Uni<Map<String, List<Map<String, Object>>>> export(String subject) {
        return Panache.withSession(() -> store.export(subject));
    }

    public Uni<ErasureCheck> prepare(String requestId, String subject) {
        return Panache.withTransaction(() -> store.lockWallets(subject).flatMap(wallets -> {
            long holding = wallets.stream()
                    .filter(w -> w.held() != 0 || w.activeHolds() > 0)
                    .count();
            if (holding > 0) {
                return blocked(
                        requestId,
                        subject,
                        "wallet_holds_pending",
                        holding + " wallet(s) have payments or payouts still pending.");
            }
            long notEmpty = wallets.stream().filter(w -> w.balance() != 0).count();
            if (notEmpty > 0) {
                return blocked(
                        requestId,
                        subject,
                        "wallet_balance_not_zero",
                        notEmpty + " wallet(s) still hold money; pay it out or spend it first.");
            }
            return store.markClosing(subject, requestId).replaceWith(new ErasureCheck.Ready());
        }));
    }

    private Uni<ErasureCheck> blocked(String requestId, String subject, String code, String detail) {
        return store.clearClosing(subject, requestId).replaceWith(new ErasureCheck.Blocked(code, detail));
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
            return store.lockWallets(subject)
                    .flatMap(locked -> store.countPostings(subject))
                    .flatMap(postings -> store.close(subject, pseudonym, requestId, now)
                            .map(wallets -> List.of(
                                    held("wallets", wallets, holdUntil), held("postings", postings, holdUntil))))
                    .call(outcomes -> store.recordOutcomes(requestId, pseudonym, outcomes, now));
        }));
    }

    private ErasureOutcome held(String dataType, long count, Instant holdUntil) {
        return ErasureOutcome.held(dataType, count, holdUntil, legalBasis);
    }

    public Uni<Void> abort(String requestId, String subject) {
        return Panache.withTransaction(() -> store.clearClosing(subject, requestId))
                .replaceWithVoid();
    }
}

package io.payguard.wallet.application;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.platform.protection.privacy.ErasureCheck;
import io.payguard.platform.protection.privacy.ErasureOutcome;
import io.payguard.platform.protection.privacy.PrivacyOutcomes;
import io.payguard.platform.protection.privacy.SectionedParticipant;
import io.payguard.platform.protection.privacy.TransactionRecordsHold;
import io.payguard.wallet.application.port.PrivacyStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The wallet's part of a data-subject request (issue 18): the export of the subject's wallets and postings, and the
 * erasure. Prepare refuses while a wallet has active holds ({@code wallet_holds_pending}: a payment or payout
 * still pending) or holds money ({@code wallet_balance_not_zero}), else marks the wallets closing under row locks, so no movement can slip in before
 * the commit (the ledger refuses them {@code wallet_closing}). Commit closes them, replaces the owner by the pseudonym
 * and keeps the postings under the AML retention hold; abort lifts the mark. Every step joins the caller's
 * transaction when there is one (the platform's privacy request consumer) and is idempotent (a commit per request id:
 * the platform's {@link PrivacyOutcomes}; the hold: its {@link TransactionRecordsHold}). It is the service's privacy
 * participant ({@link SectionedParticipant} turns the export into JSON).
 */
@ApplicationScoped
public class WalletPrivacy implements SectionedParticipant {

    public static final String SERVICE = "wallet-service";

    private final PrivacyStore store;
    private final PrivacyOutcomes recorded;
    private final TransactionRecordsHold hold;

    public WalletPrivacy(PrivacyStore store, PrivacyOutcomes recorded, TransactionRecordsHold hold) {
        this.store = store;
        this.recorded = recorded;
        this.hold = hold;
    }

    @Override
    public String service() {
        return SERVICE;
    }

    /** Sections {@code wallets} and {@code postings}. */
    @Override
    public Uni<Map<String, List<Map<String, Object>>>> exportSections(String subject) {
        return Panache.withSession(() -> store.export(subject));
    }

    @Override
    public Uni<ErasureCheck> prepareErasure(String requestId, String subject) {
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

    @Override
    public Uni<List<ErasureOutcome>> commitErasure(String requestId, String subject, String pseudonym) {
        return recorded.commitOnce(
                requestId,
                pseudonym,
                now -> store.lockWallets(subject)
                        .flatMap(locked -> store.countPostings(subject))
                        .flatMap(postings -> store.close(subject, pseudonym, requestId, now)
                                .map(wallets -> List.of(
                                        hold.held("wallets", wallets, now), hold.held("postings", postings, now)))));
    }

    @Override
    public Uni<Void> abortErasure(String requestId, String subject) {
        return Panache.withTransaction(() -> store.clearClosing(subject, requestId))
                .replaceWithVoid();
    }
}

package io.payguard.wallet.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ledger's invariants, checked over per-account figures (which the database computes with aggregates
 * and the in-memory book from its entries): per currency all balances sum to zero; each balance equals the
 * sum of its postings; each reserve equals the sum of its active holds and never exceeds the balance where
 * overdraft is not allowed; available is never negative without overdraft.
 */
public final class LedgerInvariants {

    public record AccountFigures(
            AccountId account,
            String currency,
            long balance,
            long held,
            long postingSum,
            long activeHolds,
            boolean overdraftAllowed) {}

    public record Report(boolean ok, Map<String, Long> balanceSumByCurrency, int accounts, List<String> violations) {}

    private LedgerInvariants() {}

    public static Report check(List<AccountFigures> figures) {
        var sums = new TreeMap<String, Long>();
        var violations = new ArrayList<String>();
        for (var f : figures) {
            sums.merge(f.currency(), f.balance(), Math::addExact);
            if (f.balance() != f.postingSum()) {
                violations.add("balance_differs_from_postings:" + f.account());
            }
            if (f.held() != f.activeHolds()) {
                violations.add("held_differs_from_active_holds:" + f.account());
            }
            if (!f.overdraftAllowed() && (f.balance() - f.held() < 0 || f.held() < 0)) {
                violations.add("negative_available:" + f.account());
            }
        }
        sums.forEach((currency, sum) -> {
            if (sum != 0) {
                violations.add("balances_do_not_sum_to_zero:" + currency);
            }
        });
        return new Report(violations.isEmpty(), sums, figures.size(), List.copyOf(violations));
    }
}

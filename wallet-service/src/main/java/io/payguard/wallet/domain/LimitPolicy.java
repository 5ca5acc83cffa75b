package io.payguard.wallet.domain;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * Outflow limits per wallet class (PBoC-style): per transaction, per day, per calendar year and cumulative
 * since opening, in minor units of the policy's currency. {@link #UNLIMITED} switches one off.
 */
public record LimitPolicy(Map<WalletClass, ClassLimits> limits) {

    public static final long UNLIMITED = Long.MAX_VALUE;

    public record ClassLimits(long perTransaction, long daily, long yearly, long cumulativeOutflow) {
        public ClassLimits {
            if (perTransaction <= 0 || daily <= 0 || yearly <= 0 || cumulativeOutflow <= 0) {
                throw new IllegalArgumentException("limits are positive");
            }
        }
    }

    /** The outcome of a limit check: within the limits, or the id of the limit that would be exceeded. */
    public sealed interface Check {
        record Within(OutflowUsage after) implements Check {}

        record Exceeded(String limitId, long limit) implements Check {}
    }

    public LimitPolicy {
        limits = Map.copyOf(new EnumMap<>(limits));
        for (var c : WalletClass.values()) {
            if (!limits.containsKey(c)) {
                throw new IllegalArgumentException("no limits for " + c);
            }
        }
    }

    /** Whether {@code amount} may leave a wallet of class {@code walletClass} with {@code usage} on {@code today}. */
    public Check check(WalletClass walletClass, OutflowUsage usage, long amount, LocalDate today) {
        var l = limits.get(walletClass);
        var now = usage.on(today);
        String prefix = walletClass.id() + "_";
        if (amount > l.perTransaction()) {
            return new Check.Exceeded(prefix + "per_transaction", l.perTransaction());
        }
        if (now.dayTotal() + amount > l.daily()) {
            return new Check.Exceeded(prefix + "daily", l.daily());
        }
        if (now.yearTotal() + amount > l.yearly()) {
            return new Check.Exceeded(prefix + "yearly", l.yearly());
        }
        if (now.cumulative() + amount > l.cumulativeOutflow()) {
            return new Check.Exceeded(prefix + "cumulative_outflow", l.cumulativeOutflow());
        }
        return new Check.Within(now.plus(amount, today));
    }

    /** The PBoC figures in CNY fen, with per-transaction and daily caps chosen for the demo. */
    public static LimitPolicy pbocDefaults() {
        return new LimitPolicy(Map.of(
                WalletClass.CLASS_I, new ClassLimits(100_000, 100_000, UNLIMITED, 100_000),
                WalletClass.CLASS_II, new ClassLimits(1_000_000, 1_000_000, 10_000_000, UNLIMITED),
                WalletClass.CLASS_III, new ClassLimits(2_000_000, 5_000_000, 20_000_000, UNLIMITED)));
    }
}

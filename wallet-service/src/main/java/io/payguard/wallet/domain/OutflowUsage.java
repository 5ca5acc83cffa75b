package io.payguard.wallet.domain;

import java.time.LocalDate;

/**
 * How much left a wallet today, this year and since it was opened, as the limits count it. Kept on the
 * wallet's account row and changed under the same lock as the posting, so limits hold atomically.
 */
public record OutflowUsage(LocalDate day, long dayTotal, int year, long yearTotal, long cumulative) {

    public static OutflowUsage none(LocalDate today) {
        return new OutflowUsage(today, 0, today.getYear(), 0, 0);
    }

    /** The usage as seen on {@code today}: past days and years count zero. */
    public OutflowUsage on(LocalDate today) {
        long d = today.equals(day) ? dayTotal : 0;
        long y = today.getYear() == year ? yearTotal : 0;
        return new OutflowUsage(today, d, today.getYear(), y, cumulative);
    }

    public OutflowUsage plus(long amount, LocalDate today) {
        var now = on(today);
        return new OutflowUsage(
                today,
                Math.addExact(now.dayTotal, amount),
                now.year,
                Math.addExact(now.yearTotal, amount),
                Math.addExact(cumulative, amount));
    }

    /** Gives back a reserved amount that never left (a released hold), in the periods that are still current. */
    public OutflowUsage release(long amount, LocalDate reservedOn, LocalDate today) {
        var now = on(today);
        long d = reservedOn.equals(today) ? Math.max(0, now.dayTotal - amount) : now.dayTotal;
        long y = reservedOn.getYear() == today.getYear() ? Math.max(0, now.yearTotal - amount) : now.yearTotal;
        return new OutflowUsage(today, d, now.year, y, Math.max(0, cumulative - amount));
    }
}

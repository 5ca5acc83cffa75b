package io.payguard.wallet.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A deliberately naive ledger: balances in a map, holds in a list, outflow usage as a list of reservations
 * summed on every check (no running day/year totals, no roll-over logic). It shares no code with
 * {@link LedgerEngine}; the property test holds the two side by side.
 */
final class ReferenceLedger {

    private static final class Reservation {
        final LocalDate day;
        long amount;

        Reservation(LocalDate day, long amount) {
            this.day = day;
            this.amount = amount;
        }
    }

    private static final class RefHold {
        final UUID id;
        final String wallet;
        final long amount;
        final Instant expiresAt;
        final Reservation reservation;
        boolean active = true;

        RefHold(UUID id, String wallet, long amount, Instant expiresAt, Reservation reservation) {
            this.id = id;
            this.wallet = wallet;
            this.amount = amount;
            this.expiresAt = expiresAt;
            this.reservation = reservation;
        }
    }

    private final LimitPolicy policy;
    private final Map<String, Long> balances = new LinkedHashMap<>();
    private final Map<String, WalletClass> classes = new HashMap<>();
    private final Set<String> overdraft = new HashSet<>();
    private final Map<String, List<Reservation>> reservations = new HashMap<>();
    private final Map<UUID, RefHold> holds = new HashMap<>();
    private final List<Map<String, Long>> entries = new ArrayList<>();

    ReferenceLedger(LimitPolicy policy) {
        this.policy = policy;
    }

    void open(String id, boolean mayOverdraw, WalletClass walletClass) {
        balances.put(id, 0L);
        if (mayOverdraw) {
            overdraft.add(id);
        }
        if (walletClass != null) {
            classes.put(id, walletClass);
            reservations.put(id, new ArrayList<>());
        }
    }

    long balance(String id) {
        return balances.get(id);
    }

    long held(String id) {
        return holds.values().stream()
                .filter(h -> h.active && h.wallet.equals(id))
                .mapToLong(h -> h.amount)
                .sum();
    }

    private long available(String id) {
        return balance(id) - held(id);
    }

    /** Applies the command the naive way and describes the outcome as {@code LedgerPropertiesTest.describe} does. */
    String apply(LedgerCommand command, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return switch (command) {
            case LedgerCommand.TopUp c ->
                post(Map.of(
                        c.clearing().value(),
                        -c.amount().minor(),
                        c.wallet().value(),
                        c.amount().minor()));
            case LedgerCommand.Transfer c -> {
                String from = c.from().value();
                long amount = c.amount().minor();
                String limit = limitHit(from, amount, today);
                if (limit != null) {
                    yield "refused:limit_exceeded:" + limit;
                }
                if (available(from) < amount) {
                    yield "refused:insufficient_funds";
                }
                reservations.get(from).add(new Reservation(today, amount));
                yield post(Map.of(from, -amount, c.to().value(), amount));
            }
            case LedgerCommand.PlaceHold c -> {
                String wallet = c.wallet().value();
                long amount = c.amount().minor();
                String limit = limitHit(wallet, amount, today);
                if (limit != null) {
                    yield "refused:limit_exceeded:" + limit;
                }
                if (available(wallet) < amount) {
                    yield "refused:insufficient_funds";
                }
                var r = new Reservation(today, amount);
                reservations.get(wallet).add(r);
                holds.put(c.holdId(), new RefHold(c.holdId(), wallet, amount, c.expiresAt(), r));
                yield "hold:active";
            }
            case LedgerCommand.PlaceAndCaptureHold c -> {
                String wallet = c.wallet().value();
                long amount = c.amount().minor();
                String limit = limitHit(wallet, amount, today);
                if (limit != null) {
                    yield "refused:limit_exceeded:" + limit;
                }
                if (available(wallet) < amount) {
                    yield "refused:insufficient_funds";
                }
                var r = new Reservation(today, amount);
                reservations.get(wallet).add(r);
                var h = new RefHold(c.holdId(), wallet, amount, c.expiresAt(), r);
                h.active = false;
                holds.put(c.holdId(), h);
                yield post(Map.of(wallet, -amount, c.payee().value(), amount));
            }
            case LedgerCommand.CaptureHold c -> {
                var h = holds.get(c.holdId());
                if (!h.active) {
                    yield "rejected:hold_not_active";
                }
                if (!now.isBefore(h.expiresAt)) {
                    yield "rejected:hold_expired";
                }
                long amount = c.amount().minor();
                if (amount > h.amount) {
                    yield "rejected:capture_exceeds_hold";
                }
                h.active = false;
                h.reservation.amount -= h.amount - amount;
                yield post(Map.of(h.wallet, -amount, c.payee().value(), amount));
            }
            case LedgerCommand.VoidHold c -> release(holds.get(c.holdId()), now, false);
            case LedgerCommand.ExpireHold c -> release(holds.get(c.holdId()), now, true);
            case LedgerCommand.Refund c -> {
                long amount = c.amount().minor();
                long inBuckets = c.merchantBuckets().stream()
                        .mapToLong(b -> Math.max(0, balance(b.value())))
                        .sum();
                if (inBuckets < amount) {
                    yield "refused:insufficient_funds";
                }
                var legs = new LinkedHashMap<String, Long>();
                long remaining = amount;
                for (var b : c.merchantBuckets()) {
                    long take = Math.min(remaining, Math.max(0, balance(b.value())));
                    if (take > 0) {
                        legs.put(b.value(), -take);
                        remaining -= take;
                    }
                }
                legs.put(c.wallet().value(), amount);
                yield post(legs);
            }
            case LedgerCommand.Reverse c -> {
                var legs = new LinkedHashMap<String, Long>();
                for (var p : c.original().postings()) {
                    legs.merge(p.account().value(), -p.amount().minor(), Long::sum);
                }
                for (var e : legs.entrySet()) {
                    if (!overdraft.contains(e.getKey()) && available(e.getKey()) + e.getValue() < 0) {
                        yield "refused:insufficient_funds";
                    }
                }
                yield post(legs);
            }
        };
    }

    private String release(RefHold h, Instant now, boolean expiry) {
        if (!h.active) {
            return "rejected:hold_not_active";
        }
        if (expiry && now.isBefore(h.expiresAt)) {
            return "rejected:hold_not_expired";
        }
        h.active = false;
        h.reservation.amount = 0;
        return expiry ? "hold:expired" : "hold:voided";
    }

    private String limitHit(String wallet, long amount, LocalDate today) {
        var limits = policy.limits().get(classes.get(wallet));
        var rs = reservations.get(wallet);
        long day = rs.stream()
                .filter(r -> r.day.equals(today))
                .mapToLong(r -> r.amount)
                .sum();
        long year = rs.stream()
                .filter(r -> r.day.getYear() == today.getYear())
                .mapToLong(r -> r.amount)
                .sum();
        long ever = rs.stream().mapToLong(r -> r.amount).sum();
        String prefix = classes.get(wallet).id() + "_";
        if (amount > limits.perTransaction()) {
            return prefix + "per_transaction";
        }
        if (day + amount > limits.daily()) {
            return prefix + "daily";
        }
        if (year + amount > limits.yearly()) {
            return prefix + "yearly";
        }
        if (ever + amount > limits.cumulativeOutflow()) {
            return prefix + "cumulative_outflow";
        }
        return null;
    }

    private String post(Map<String, Long> legs) {
        legs.forEach((account, delta) -> balances.merge(account, delta, Long::sum));
        entries.add(Map.copyOf(legs));
        return "posted";
    }
}

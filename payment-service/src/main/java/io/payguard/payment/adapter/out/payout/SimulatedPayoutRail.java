package io.payguard.payment.adapter.out.payout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.payguard.payment.application.PayoutRail;
import io.smallrye.mutiny.Uni;

/**
 * A bank's payout rail, simulated in memory (only within one process, like the card acquirer simulator). Idempotent by
 * payout id. Test accounts, by the last four digits of the account number:
 * <pre>
 * any other   paid
 * 0002        rejected: account_closed
 * 0003        rejected: name_mismatch
 * 0119        no answer (timeout); the bank paid it: a query finds it paid
 * 0101        no answer (timeout); the bank cannot tell: a query answers unknown, for ever (the payout stays held)
 * 0077        paid, then returned by the bank (account_frozen): the return appears in the returns feed
 * </pre>
 */
@ApplicationScoped
public class SimulatedPayoutRail implements PayoutRail {

    private record Seen(String last4, Result result) {
    }

    private final Map<String, Seen> payouts = new ConcurrentHashMap<>();
    private final List<Returned> returns = new ArrayList<>();
    /** Feed positions go on across restarts of the simulator (a cursor stored by the service never points past them). */
    private final AtomicLong positions = new AtomicLong(System.currentTimeMillis() * 1000);
    private final Map<String, Integer> sends = new ConcurrentHashMap<>();
    private final Duration latency;

    public SimulatedPayoutRail(@ConfigProperty(name = "payguard.payout.simulator.latency", defaultValue = "PT0.05S") Duration latency) {
        this.latency = latency;
    }

    @Override
    public String name() {
        return "simulator";
    }

    @Override
    public Uni<Result> send(Order order) {
        sends.merge(order.payoutId(), 1, Integer::sum);
        String last4 = order.accountNumber().substring(order.accountNumber().length() - 4);
        var seen = payouts.computeIfAbsent(order.payoutId(), id -> new Seen(last4, switch (last4) {
            case "0002" -> new Result.Rejected("account_closed");
            case "0003" -> new Result.Rejected("name_mismatch");
            default -> new Result.Paid("sim-" + id);
        }));
        if ("0077".equals(last4)) {
            synchronized (returns) {
                if (returns.stream().noneMatch(r -> r.payoutId().equals(order.payoutId()))) {
                    returns.add(new Returned(positions.incrementAndGet(), order.payoutId(), "account_frozen"));
                }
            }
        }
        Result answer = "0119".equals(last4) || "0101".equals(last4) ? new Result.Unknown() : seen.result();
        return Uni.createFrom().item(answer).onItem().delayIt().by(latency);
    }

    @Override
    public Uni<Result> query(String payoutId) {
        var seen = payouts.get(payoutId);
        Result answer = seen == null ? new Result.NotFound() : "0101".equals(seen.last4()) ? new Result.Unknown() : seen.result();
        return Uni.createFrom().item(answer).onItem().delayIt().by(latency);
    }

    @Override
    public Uni<List<Returned>> returnsAfter(long position) {
        synchronized (returns) {
            return Uni.createFrom().item(returns.stream().filter(r -> r.position() > position).toList());
        }
    }

    /** How often a payout id was sent (tests: the same id sent again pays once). */
    public int sends(String payoutId) {
        return sends.getOrDefault(payoutId, 0);
    }

    /** Whether the bank has paid this payout id (tests). */
    public boolean paid(String payoutId) {
        var seen = payouts.get(payoutId);
        return seen != null && seen.result() instanceof Result.Paid;
    }
}

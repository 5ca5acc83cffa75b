package io.payguard.payment.adapter.out.payout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.payguard.payment.application.port.PayoutRail;
import io.smallrye.mutiny.Uni;

/**
 * A bank's payout rail, simulated (like the card acquirer simulator). Idempotent by payout id. A real bank outlives the
 * payment-service process that calls it: with {@code payguard.payout.simulator.journal} set (./dev sets it), every
 * payout id the simulated bank has seen is appended to that file before it answers and read back at start, so a
 * restarted process still finds its payouts (queries) and still gets the returns the bank owes it (the returns feed).
 * Without it (unit and Quarkus tests), it lives in memory. Test accounts, by the last four digits of the account number:
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

    private static final Logger LOG = Logger.getLogger(SimulatedPayoutRail.class);

    private record Seen(String last4, Result result) {}

    private final Map<String, Seen> payouts = new ConcurrentHashMap<>();
    private final List<Returned> returns = new ArrayList<>();
    /** Feed positions go on across restarts of the simulator (a cursor stored by the service never points past them). */
    private final AtomicLong positions = new AtomicLong(System.currentTimeMillis() * 1000);

    private final Map<String, Integer> sends = new ConcurrentHashMap<>();
    private final Duration latency;
    private final Optional<Path> journal;

    public SimulatedPayoutRail(
            @ConfigProperty(name = "payguard.payout.simulator.latency", defaultValue = "PT0.05S") Duration latency,
            @ConfigProperty(name = "payguard.payout.simulator.journal") Optional<Path> journal) {
        this.latency = latency;
        this.journal = journal;
        journal.ifPresent(this::replay);
    }

    /** Reads back what the bank saw before this process started: one line per payout id, {@code id last4 position}. */
    private void replay(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            if (!text.isEmpty() && !text.endsWith("\n")) {
                append(file, "\n"); // end a torn line, so the next one starts on its own
            }
            for (String line : text.split("\n")) {
                String[] f = line.trim().split(" ");
                if (f.length != 3) {
                    continue; // a line torn by a crash in mid-write: that payout was never answered, so the bank never
                    // saw it
                }
                seen(f[0], f[1]);
                long position = Long.parseLong(f[2]);
                positions.accumulateAndGet(position, Math::max);
                if ("0077".equals(f[1])) {
                    returns.add(new Returned(position, f[0], "account_frozen"));
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("payout simulator journal " + file + " unreadable", e);
        }
        LOG.infof(
                "payout simulator: %d payouts and %d returns read back from its journal",
                payouts.size(), returns.size());
    }

    @Override
    public String name() {
        return "simulator";
    }

    @Override
    public Uni<Result> send(Order order) {
        sends.merge(order.payoutId(), 1, Integer::sum);
        String last4 = order.accountNumber().substring(order.accountNumber().length() - 4);
        Seen seen;
        synchronized (returns) {
            seen = payouts.get(order.payoutId());
            if (seen == null) {
                long position = positions.incrementAndGet();
                journal.ifPresent(file -> append(file, order.payoutId() + " " + last4 + " " + position + "\n"));
                seen = seen(order.payoutId(), last4);
                if ("0077".equals(last4)) {
                    returns.add(new Returned(position, order.payoutId(), "account_frozen"));
                }
            }
        }
        Result answer = "0119".equals(last4) || "0101".equals(last4) ? new Result.Unknown() : seen.result();
        return Uni.createFrom().item(answer).onItem().delayIt().by(latency);
    }

    private Seen seen(String payoutId, String last4) {
        return payouts.computeIfAbsent(
                payoutId,
                id -> new Seen(
                        last4,
                        switch (last4) {
                            case "0002" -> new Result.Rejected("account_closed");
                            case "0003" -> new Result.Rejected("name_mismatch");
                            default -> new Result.Paid("sim-" + id);
                        }));
    }

    /** Appended before the answer: a SIGKILL after it keeps the line (the page cache outlives the process). */
    private static void append(Path file, String line) {
        try {
            Files.writeString(
                    file,
                    line,
                    StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("payout simulator journal " + file + " not writable", e);
        }
    }

    @Override
    public Uni<Result> query(String payoutId) {
        var seen = payouts.get(payoutId);
        Result answer = seen == null
                ? new Result.NotFound()
                : "0101".equals(seen.last4()) ? new Result.Unknown() : seen.result();
        return Uni.createFrom().item(answer).onItem().delayIt().by(latency);
    }

    @Override
    public Uni<List<Returned>> returnsAfter(long position) {
        synchronized (returns) {
            return Uni.createFrom()
                    .item(returns.stream().filter(r -> r.position() > position).toList());
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

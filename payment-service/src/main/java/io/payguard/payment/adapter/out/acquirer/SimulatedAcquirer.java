package io.payguard.payment.adapter.out.acquirer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.Money;
import io.payguard.payment.application.port.Acquirer;
import io.payguard.payment.config.PaymentConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * An acquirer that behaves like one, for development and tests. Test cards (any future expiry, any CVV):
 *
 * <pre>
 * 4242 4242 4242 4242  approved
 * 4000 0000 0000 9995  declined: insufficient_funds
 * 4000 0000 0000 9979  declined: stolen_card
 * 4000 0000 0000 0069  declined: expired_card
 * 4000 0000 0000 0002  declined: do_not_honour
 * 4000 0000 0000 3220  3-D Secure challenge required; approved when the request carries this payment's
 *                      authentication value from {@link SimulatedAcs} (after the challenge passed)
 * 4000 0000 0000 0119  network timeout; the authorisation was approved, a query finds it
 * 4000 0000 0000 0101  network timeout; a query cannot tell either, the caller must reverse
 * 4000 0000 0000 0259  duplicate transmission: the request arrives twice, one authorisation results
 * </pre>
 *
 * Authorisations are kept per reference, so a retransmitted request never makes a second one; refunds are kept per
 * refund id, so a refund sent again with the same id refunds once (and {@link #refundStatus} finds it). Latency
 * ({@code payguard.payment.acquirer.latency}) is served from a Vert.x timer, not a blocked thread.
 */
@ApplicationScoped
public class SimulatedAcquirer implements Acquirer {

    public static final Map<String, String> TEST_CARDS = Map.of(
            "4242424242424242", "approved",
            "4000000000009995", "insufficient_funds",
            "4000000000009979", "stolen_card",
            "4000000000000069", "expired_card",
            "4000000000000002", "do_not_honour",
            "4000000000003220", "challenge",
            "4000000000000119", "timeout_approved",
            "4000000000000101", "timeout_unknown",
            "4000000000000259", "duplicate_transmission");

    private record Authorisation(
            String id, String reference, long amount, long captured, long refunded, boolean reversed) {
        Authorisation capturedMore(long more) {
            return new Authorisation(id, reference, amount, captured + more, refunded, reversed);
        }

        Authorisation refundedMore(long more) {
            return new Authorisation(id, reference, amount, captured, refunded + more, reversed);
        }

        Authorisation reversedNow() {
            return new Authorisation(id, reference, amount, captured, refunded, true);
        }
    }

    private record MadeRefund(String authorization, long amount) {}

    private final Vertx vertx;
    private final Duration latency;
    private final Map<String, Authorisation> byReference = new ConcurrentHashMap<>();
    private final Map<String, String> unknownOutcome = new ConcurrentHashMap<>();
    private final Map<String, MadeRefund> refunds = new ConcurrentHashMap<>();
    private final java.util.Set<String> refundOutcomeUnknown = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> refundStatusQueries = new ConcurrentHashMap<>();
    private final AtomicLong transmissions = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();

    private final SimulatedAcs acs;
    private final java.util.Optional<java.nio.file.Path> journal;

    public SimulatedAcquirer(Vertx vertx, PaymentConfig config, SimulatedAcs acs) {
        this.vertx = vertx;
        this.acs = acs;
        this.latency = config.acquirer().latency();
        this.journal = config.acquirer().journal();
        // authorisation ids stay unique across restarts (a restarted simulator must never hand out an id it gave
        // before)
        sequence.set(System.currentTimeMillis() * 1000);
        journal.ifPresent(this::replay);
    }

    // ------------------------------------------------------------------------------------------------ journal
    /**
     * Replays the journal: {@code A ref id amount} approved, {@code U ref} outcome unknown, {@code C id amount}
     * captured, {@code R refundId id amount} refunded, {@code V ref} reversed. A line torn by a crash is skipped (its
     * call was never answered).
     */
    private void replay(java.nio.file.Path file) {
        if (!java.nio.file.Files.exists(file)) {
            return;
        }
        try {
            String text = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.US_ASCII);
            if (!text.isEmpty() && !text.endsWith("\n")) {
                append("\n");
            }
            for (String line : text.split("\n")) {
                try {
                    replayLine(line.trim().split(" "));
                } catch (NumberFormatException torn) {
                    // a torn line: skipped
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("acquirer simulator journal " + file + " unreadable", e);
        }
    }

    /** One line of the journal; an empty or torn line changes nothing. */
    private void replayLine(String[] f) {
        switch (f[0]) {
            case "A" -> {
                if (f.length == 4) {
                    byReference.putIfAbsent(f[1], new Authorisation(f[2], f[1], Long.parseLong(f[3]), 0, 0, false));
                }
            }
            case "U" -> {
                if (f.length == 2) {
                    unknownOutcome.put(f[1], "pending");
                }
            }
            case "C" -> {
                if (f.length == 3) {
                    long amount = Long.parseLong(f[2]);
                    update(f[1], a -> a.capturedMore(amount));
                }
            }
            case "R" -> {
                if (f.length == 4) {
                    long amount = Long.parseLong(f[3]);
                    refunds.putIfAbsent(f[1], new MadeRefund(f[2], amount));
                    update(f[2], a -> a.refundedMore(amount));
                }
            }
            case "V" -> {
                if (f.length == 2) {
                    unknownOutcome.remove(f[1]);
                    byReference.computeIfPresent(f[1], (k, a) -> a.reversedNow());
                }
            }
            default -> {
                // an empty or torn line
            }
        }
    }

    /** Appended before the answer: a SIGKILL after it keeps the line (the page cache outlives the process). */
    private void append(String line) {
        journal.ifPresent(file -> {
            try {
                java.nio.file.Files.writeString(
                        file,
                        line,
                        java.nio.charset.StandardCharsets.US_ASCII,
                        java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND,
                        java.nio.file.StandardOpenOption.WRITE);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("acquirer simulator journal " + file + " not writable", e);
            }
        });
    }

    @Override
    public Uni<Result> authorise(AuthorisationRequest request) {
        return later(() -> {
            String behaviour = TEST_CARDS.getOrDefault(request.pan(), "approved");
            return switch (behaviour) {
                case "insufficient_funds", "stolen_card", "expired_card", "do_not_honour" ->
                    new Result.Declined(behaviour);
                case "challenge" ->
                    acs.valid(request.reference(), request.amount(), request.authentication())
                            ? new Result.Approved(approve(request).id())
                            : new Result.ChallengeRequired();
                case "timeout_approved" -> {
                    approve(request);
                    yield new Result.Timeout();
                }
                case "timeout_unknown" -> {
                    if (unknownOutcome.put(request.reference(), "pending") == null) {
                        append("U " + request.reference() + "\n");
                    }
                    yield new Result.Timeout();
                }
                case "duplicate_transmission" -> {
                    approve(request);
                    yield new Result.Approved(approve(request).id());
                }
                default -> new Result.Approved(approve(request).id());
            };
        });
    }

    private Authorisation approve(AuthorisationRequest request) {
        transmissions.incrementAndGet();
        return byReference.computeIfAbsent(request.reference(), ref -> {
            var a = new Authorisation(
                    "auth_" + sequence.incrementAndGet(), ref, request.amount().minor(), 0, 0, false);
            append("A " + ref + " " + a.id() + " " + a.amount() + "\n");
            return a;
        });
    }

    @Override
    public Uni<Result> query(String reference) {
        return later(() -> {
            var a = byReference.get(reference);
            if (a != null && !a.reversed()) {
                return new Result.Approved(a.id(), a.captured());
            }
            return unknownOutcome.containsKey(reference)
                    ? new Result.Timeout()
                    : new Result.Declined("no_such_authorisation");
        });
    }

    @Override
    public Uni<Boolean> capture(String authorization, Money amount) {
        return later(() -> {
            synchronized (refunds) {
                boolean done = update(
                        authorization,
                        a -> amount.minor() <= a.amount() - a.captured() && !a.reversed()
                                ? a.capturedMore(amount.minor())
                                : null);
                if (done) {
                    append("C " + authorization + " " + amount.minor() + "\n");
                }
                return done;
            }
        });
    }

    @Override
    public Uni<Boolean> refund(String authorization, String refundId, Money amount) {
        return later(() -> {
            synchronized (refunds) {
                var made = refunds.get(refundId);
                if (made != null) {
                    // the same refund sent again: answered as the first time, nothing refunded twice
                    return made.authorization().equals(authorization) && made.amount() == amount.minor();
                }
                boolean done = update(
                        authorization,
                        a -> amount.minor() <= a.captured() - a.refunded()
                                ? new Authorisation(
                                        a.id(),
                                        a.reference(),
                                        a.amount(),
                                        a.captured(),
                                        a.refunded() + amount.minor(),
                                        false)
                                : null);
                if (done) {
                    refunds.put(refundId, new MadeRefund(authorization, amount.minor()));
                    append("R " + refundId + " " + authorization + " " + amount.minor() + "\n");
                }
                return done;
            }
        });
    }

    @Override
    public Uni<RefundStatus> refundStatus(String refundId) {
        return later(() -> {
            refundStatusQueries.merge(refundId, 1, Integer::sum);
            if (refundOutcomeUnknown.contains(refundId)) {
                return new RefundStatus.Unknown();
            }
            var made = refunds.get(refundId);
            return made == null ? new RefundStatus.NotFound() : new RefundStatus.Refunded(made.amount());
        });
    }

    /** Tests: the acquirer cannot tell what became of this refund ({@code true}), or can again ({@code false}). */
    public void refundOutcomeUnknown(String refundId, boolean unknown) {
        if (unknown) {
            refundOutcomeUnknown.add(refundId);
        } else {
            refundOutcomeUnknown.remove(refundId);
        }
    }

    /** How often {@link #refundStatus} was asked about this refund id. */
    public int refundStatusQueries(String refundId) {
        return refundStatusQueries.getOrDefault(refundId, 0);
    }

    /** How much of the authorisation for {@code reference} has been refunded (0 when none). */
    public long refunded(String reference) {
        var a = byReference.get(reference);
        return a == null ? 0 : a.refunded();
    }

    @Override
    public Uni<Void> reverse(String reference) {
        return later(() -> {
                    unknownOutcome.remove(reference);
                    append("V " + reference + "\n");
                    byReference.computeIfPresent(reference, (k, a) -> a.reversedNow());
                    return null;
                })
                .replaceWithVoid();
    }

    /** How many authorisations exist for {@code reference} (at most one, however often it was transmitted). */
    public int authorisations(String reference) {
        return byReference.containsKey(reference) ? 1 : 0;
    }

    public boolean reversed(String reference) {
        var a = byReference.get(reference);
        return a != null && a.reversed();
    }

    /** Whether an authorisation of unknown outcome is still open for {@code reference} (not reversed). */
    public boolean unresolved(String reference) {
        return unknownOutcome.containsKey(reference);
    }

    /** How much of the authorisation for {@code reference} has been captured (0 when none). */
    public long captured(String reference) {
        var a = byReference.get(reference);
        return a == null ? 0 : a.captured();
    }

    public long transmissions() {
        return transmissions.get();
    }

    private boolean update(String authorization, java.util.function.UnaryOperator<Authorisation> change) {
        for (var e : byReference.entrySet()) {
            if (e.getValue().id().equals(authorization)) {
                var next = change.apply(e.getValue());
                if (next == null) {
                    return false;
                }
                e.setValue(next);
                return true;
            }
        }
        return false;
    }

    private <T> Uni<T> later(java.util.function.Supplier<T> outcome) {
        if (latency.isZero()) {
            return Uni.createFrom().item(outcome);
        }
        return Uni.createFrom().emitter(em -> vertx.setTimer(latency.toMillis(), id -> em.complete(outcome.get())));
    }
}

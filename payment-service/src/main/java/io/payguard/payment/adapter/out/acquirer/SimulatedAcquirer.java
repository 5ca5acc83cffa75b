package io.payguard.payment.adapter.out.acquirer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;


import io.payguard.kernel.Money;
import io.payguard.payment.application.Acquirer;
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

    private record Authorisation(String id, String reference, long amount, long captured, long refunded, boolean reversed) {
    }

    private record MadeRefund(String authorization, long amount) {
    }

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

    public SimulatedAcquirer(Vertx vertx, PaymentConfig config, SimulatedAcs acs) {
        this.vertx = vertx;
        this.acs = acs;
        this.latency = config.acquirer().latency();
    }

    @Override
    public Uni<Result> authorise(AuthorisationRequest request) {
        return later(() -> {
            String behaviour = TEST_CARDS.getOrDefault(request.pan(), "approved");
            return switch (behaviour) {
                case "insufficient_funds", "stolen_card", "expired_card", "do_not_honour" -> new Result.Declined(behaviour);
                case "challenge" -> acs.valid(request.reference(), request.amount(), request.authentication())
                        ? new Result.Approved(approve(request).id()) : new Result.ChallengeRequired();
                case "timeout_approved" -> {
                    approve(request);
                    yield new Result.Timeout();
                }
                case "timeout_unknown" -> {
                    unknownOutcome.put(request.reference(), "pending");
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
        return byReference.computeIfAbsent(request.reference(),
                ref -> new Authorisation("auth_" + sequence.incrementAndGet(), ref, request.amount().minor(), 0, 0, false));
    }

    @Override
    public Uni<Result> query(String reference) {
        return later(() -> {
            var a = byReference.get(reference);
            if (a != null && !a.reversed()) {
                return new Result.Approved(a.id(), a.captured());
            }
            return unknownOutcome.containsKey(reference) ? new Result.Timeout() : new Result.Declined("no_such_authorisation");
        });
    }

    @Override
    public Uni<Boolean> capture(String authorization, Money amount) {
        return later(() -> update(authorization, a -> amount.minor() <= a.amount() - a.captured() && !a.reversed()
                ? new Authorisation(a.id(), a.reference(), a.amount(), a.captured() + amount.minor(), a.refunded(), false) : null));
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
                boolean done = update(authorization, a -> amount.minor() <= a.captured() - a.refunded()
                        ? new Authorisation(a.id(), a.reference(), a.amount(), a.captured(), a.refunded() + amount.minor(), false) : null);
                if (done) {
                    refunds.put(refundId, new MadeRefund(authorization, amount.minor()));
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
            byReference.computeIfPresent(reference, (k, a) -> new Authorisation(a.id(), a.reference(), a.amount(), a.captured(), a.refunded(), true));
            return null;
        }).replaceWithVoid();
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

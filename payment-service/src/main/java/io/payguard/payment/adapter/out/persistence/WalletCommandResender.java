package io.payguard.payment.adapter.out.persistence;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.payment.application.PaymentTopics;
import io.payguard.payment.config.PaymentConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Recovers lost wallet answers: a command unanswered after {@code wallet-resend-after} goes to the outbox again with
 * the same CloudEvent id. The wallet applies each command once and re-publishes its stored answer, so a resend is
 * safe whether the command or the answer was lost. Several replicas share the work with SKIP LOCKED.
 */
@ApplicationScoped
public class WalletCommandResender {

    private static final Logger LOG = Logger.getLogger(WalletCommandResender.class);

    private final Pool pool;
    private final Clock clock;
    private final PaymentConfig config;
    private final Counter resent;
    private final AtomicBoolean inRound = new AtomicBoolean();
    private long timerId = -1;

    public WalletCommandResender(Pool pool, Clock clock, PaymentConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
        this.resent = Counter.builder("payguard.payment.wallet.commands.resent").register(registry);
    }

    void start(@Observes StartupEvent ignored, Vertx vertx) {
        if (!config.walletResendInterval().isZero()) {
            timerId = vertx.setPeriodic(config.walletResendInterval().toMillis(), id -> round());
        }
    }

    void stop(@Observes ShutdownEvent ignored, Vertx vertx) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void round() {
        if (!inRound.compareAndSet(false, true)) {
            return;
        }
        resendDue().subscribe().with(n -> inRound.set(false), e -> {
            inRound.set(false);
            LOG.warnf("wallet command resend round failed, will retry: %s", e.toString());
        });
    }

    /** Re-queues the due commands; returns how many. */
    public Uni<Integer> resendDue() {
        var now = clock.instant();
        return pool.withTransaction(conn -> conn.preparedQuery("UPDATE wallet_command SET resend_after = $1 WHERE id IN (SELECT id FROM wallet_command "
                + "WHERE answered_at IS NULL AND resend_after <= $2 ORDER BY resend_after LIMIT 200 FOR UPDATE SKIP LOCKED) "
                + "RETURNING id, payment_id, type, payload")
                .execute(Tuple.of(PgIdempotencyStore.utc(now.plus(config.walletResendAfter())), PgIdempotencyStore.utc(now)))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (var row : rows) {
                        chain = chain.flatMap(n -> conn.preparedQuery("INSERT INTO outbox_event (id, aggregate_type, aggregate_id, type, topic, payload, created_at) "
                                + "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING")
                                .execute(Tuple.from(java.util.List.of(row.getUUID(0), PaymentTopics.AGGREGATE, row.getString(1), row.getString(2),
                                        PaymentTopics.WALLET_COMMANDS, row.getString(3), PgIdempotencyStore.utc(now))))
                                .map(r -> n + r.rowCount()));
                    }
                    return chain;
                }))
                .invoke(n -> {
                    if (n > 0) {
                        resent.increment(n);
                        LOG.infof("re-sent %d unanswered wallet commands", n);
                    }
                });
    }
}

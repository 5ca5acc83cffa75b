package io.payguard.payment.adapter.out.persistence;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.payment.application.PaymentTopics;
import io.payguard.payment.application.WalletSaga;
import io.payguard.payment.config.PaymentConfig;
import io.payguard.platform.messaging.ConsumerProgress;
import io.payguard.platform.messaging.OutboxRelay;
import io.payguard.platform.messaging.PeriodicTask;
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
 *
 * <p>A re-send is a safety net, and must not become the load: each one makes the wallet publish one more answer that
 * this service must read. So the wait before the next re-send of a command doubles each time
 * ({@code wallet-resend-after} x 2^n, at most {@code wallet-resend-max-interval}), and no round runs while the
 * wallet-answers consumer is working through a backlog ({@link ConsumerProgress#catchingUp}: after a restart, or when
 * Kafka or the database held it up), because the answers looked for are then most likely queued, not lost. The
 * fault-injection suite saw the opposite: after a payment-service restart its new process re-sent every command whose
 * answer sat in the unread backlog, every 30 s, ~7,000 re-sends in ten minutes for ~4,000 commands, which doubled the
 * backlog it was waiting for and starved the API of CPU. Deferred rounds: {@code payguard.payment.wallet.commands.resend.deferred}.
 */
@ApplicationScoped
public class WalletCommandResender {

    private static final Logger LOG = Logger.getLogger(WalletCommandResender.class);

    private final Pool pool;
    private final OutboxRelay relay;
    private final Clock clock;
    private final PaymentConfig config;
    private final Counter resent;
    private final Counter deferred;
    private final ConsumerProgress progress;
    private final AtomicBoolean deferring = new AtomicBoolean();
    private final PeriodicTask task = new PeriodicTask("wallet command resend round", this::round);

    public WalletCommandResender(
            Pool pool,
            Clock clock,
            PaymentConfig config,
            MeterRegistry registry,
            ConsumerProgress progress,
            OutboxRelay relay) {
        this.pool = pool;
        this.relay = relay;
        this.clock = clock;
        this.config = config;
        this.progress = progress;
        this.resent = Counter.builder("payguard.payment.wallet.commands.resent")
                .description("Wallet commands sent again because no answer came")
                .register(registry);
        this.deferred = Counter.builder("payguard.payment.wallet.commands.resend.deferred")
                .description("Re-send rounds skipped because the wallet-answers consumer was working through a backlog")
                .register(registry);
    }

    void start(@Observes StartupEvent ignored, Vertx vertx) {
        task.start(vertx, config.walletResendInterval());
    }

    void stop(@Observes ShutdownEvent ignored, Vertx vertx) {
        task.stop(vertx);
    }

    /** A re-send round, unless the answers looked for are most likely queued: then the round is deferred. */
    private Uni<Integer> round() {
        if (answersQueued()) {
            deferred.increment();
            if (deferring.compareAndSet(false, true)) {
                LOG.infof(
                        "wallet command re-sends deferred: the wallet-answers consumer is working through a backlog (last answer processed: %s)",
                        progress.last(WalletSaga.CONSUMER)
                                .map(l -> l.age().toMillis() + " ms old")
                                .orElse("none yet since start"));
            }
            return Uni.createFrom().item(0);
        }
        if (deferring.compareAndSet(true, false)) {
            LOG.info("wallet command re-sends resumed: the wallet-answers consumer is current");
        }
        return resendDue();
    }

    /** Whether the answers looked for are most likely queued in the wallet-answers consumer rather than lost. */
    boolean answersQueued() {
        return progress.catchingUp(
                WalletSaga.CONSUMER, config.walletAnswersCurrentWithin(), config.walletResendAfter());
    }

    /**
     * Re-queues the due commands; returns how many. The n-th re-send of a command schedules the next one
     * {@code wallet-resend-after} x 2^n later, at most {@code wallet-resend-max-interval}.
     */
    public Uni<Integer> resendDue() {
        var now = clock.instant();
        return pool.withTransaction(conn -> conn.preparedQuery(
                                "UPDATE wallet_command SET resend_count = resend_count + 1, "
                                        + "resend_after = $1::timestamptz + LEAST($3::float8, $2::float8 * power(2, LEAST(resend_count + 1, 30))) * interval '1 millisecond' "
                                        + "WHERE id IN (SELECT id FROM wallet_command "
                                        + "WHERE answered_at IS NULL AND resend_after <= $1 ORDER BY resend_after LIMIT 200 FOR UPDATE SKIP LOCKED) "
                                        + "RETURNING id, payment_id, type, payload")
                        .execute(Tuple.of(
                                PgIdempotencyStore.utc(now),
                                (double) config.walletResendAfter().toMillis(),
                                (double) config.walletResendMaxInterval().toMillis()))
                        .flatMap(rows -> {
                            if (rows.size() == 0) {
                                return Uni.createFrom().item(0);
                            }
                            Uni<Integer> chain = Uni.createFrom().item(0);
                            for (var row : rows) {
                                chain = chain.flatMap(n -> conn.preparedQuery(
                                                "INSERT INTO outbox_event (id, aggregate_type, aggregate_id, type, topic, payload, created_at) "
                                                        + "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING")
                                        .execute(Tuple.from(java.util.List.of(
                                                row.getUUID(0),
                                                PaymentTopics.AGGREGATE,
                                                row.getString(1),
                                                row.getString(2),
                                                PaymentTopics.WALLET_COMMANDS,
                                                row.getString(3),
                                                PgIdempotencyStore.utc(now))))
                                        .map(r -> n + r.rowCount()));
                            }
                            return chain;
                        }))
                .invoke(n -> {
                    if (n > 0) {
                        resent.increment(n);
                        relay.wake();
                        LOG.infof("re-sent %d unanswered wallet commands", n);
                    }
                });
    }
}

package io.payguard.payment.adapter.out.persistence;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.payguard.payment.config.PaymentConfig;
import io.payguard.platform.messaging.RetentionJob;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Deletes answered wallet commands older than {@code payguard.payment.wallet-commands.retention} (never less than 24 h)
 * in bounded, batched, SKIP LOCKED rounds (the platform's {@link RetentionJob}). An unanswered command is never
 * deleted: {@link WalletCommandResender} sends it again until the wallet answers. An answered one is only looked up when
 * its answer arrives; a second delivery of that answer is recognised by processed_event (14 days) before the lookup.
 */
@ApplicationScoped
public class WalletCommandPurge {

    static final Duration MIN_RETENTION = Duration.ofHours(24);

    private final RetentionJob job;

    public WalletCommandPurge(Pool pool, Clock clock, PaymentConfig config) {
        this.job = new RetentionJob(
                "answered wallet commands",
                "payguard.payment.wallet-commands.retention",
                pool,
                clock,
                "wallet_command",
                "answered_at < $1",
                config.walletCommands(),
                MIN_RETENTION);
    }

    void start(@Observes StartupEvent ignored, Vertx vertx) {
        job.start(vertx);
    }

    void stop(@Observes ShutdownEvent ignored, Vertx vertx) {
        job.stop(vertx);
    }

    /** One purge round; returns how many commands went. */
    public Uni<Integer> purge() {
        return job.purge();
    }
}

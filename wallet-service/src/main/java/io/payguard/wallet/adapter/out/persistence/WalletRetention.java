package io.payguard.wallet.adapter.out.persistence;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.payguard.platform.messaging.RetentionJob;
import io.payguard.wallet.config.WalletConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Keeps the wallet's per-message and per-request tables bounded (bounded, batched, SKIP LOCKED purges on the platform's
 * {@link RetentionJob}):
 * <ul>
 * <li>{@code command_answer}: an answer is what a redelivered or re-sent command gets back, and the command is known
 * as processed for {@code payguard.messaging.processed-event.retention}; its answer must live at least that long, or
 * a resend would find its command processed and no answer to give (the payment would wait for good).</li>
 * <li>{@code idempotency_record}: a key replays its answer for {@code payguard.wallet.idempotency.retention}, never
 * less than 24 h (the window clients are promised); after that the same key is a new request.</li>
 * </ul>
 */
@ApplicationScoped
public class WalletRetention {

    static final Duration MIN_IDEMPOTENCY_RETENTION = Duration.ofHours(24);

    private final RetentionJob answers;
    private final RetentionJob idempotency;

    public WalletRetention(
            Pool pool,
            Clock clock,
            WalletConfig config,
            @ConfigProperty(name = "payguard.messaging.processed-event.retention", defaultValue = "P14D")
                    Duration processedEventRetention) {
        this.answers = new RetentionJob(
                "command answers",
                "payguard.wallet.command-answer.retention",
                pool,
                clock,
                "command_answer",
                "created_at < $1",
                config.commandAnswer(),
                processedEventRetention);
        this.idempotency = new RetentionJob(
                "idempotency records",
                "payguard.wallet.idempotency.retention",
                pool,
                clock,
                "idempotency_record",
                "created_at < $1",
                config.idempotency(),
                MIN_IDEMPOTENCY_RETENTION);
    }

    void start(@Observes StartupEvent ignored, Vertx vertx) {
        answers.start(vertx);
        idempotency.start(vertx);
    }

    void stop(@Observes ShutdownEvent ignored, Vertx vertx) {
        answers.stop(vertx);
        idempotency.stop(vertx);
    }

    /** One purge round of {@code command_answer}; returns how many rows went. */
    public Uni<Integer> purgeCommandAnswers() {
        return answers.purge();
    }

    /** One purge round of {@code idempotency_record}; returns how many rows went. */
    public Uni<Integer> purgeIdempotencyRecords() {
        return idempotency.purge();
    }
}

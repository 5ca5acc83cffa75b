package io.payguard.wallet.adapter.out.persistence;

import java.time.Clock;
import java.time.Duration;

import jakarta.inject.Singleton;

import io.payguard.platform.messaging.RetentionJob;
import io.payguard.wallet.config.WalletConfig;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Keeps {@code idempotency_record} bounded (a platform {@link RetentionJob}, started with the service by
 * {@code RetentionJobs}): a key replays its answer for {@code payguard.wallet.idempotency.retention}, never less than
 * 24 h (the window clients are promised); after that the same key is a new request.
 */
@Singleton
public class IdempotencyRecordRetention extends RetentionJob {

    static final Duration MIN_RETENTION = Duration.ofHours(24);

    public IdempotencyRecordRetention(Pool pool, Clock clock, WalletConfig config) {
        super(
                "idempotency records",
                "payguard.wallet.idempotency.retention",
                pool,
                clock,
                "idempotency_record",
                "created_at < $1",
                config.idempotency(),
                MIN_RETENTION);
    }
}

package io.payguard.payment.adapter.out.persistence;

import java.time.Clock;
import java.time.Duration;

import jakarta.inject.Singleton;

import io.payguard.payment.config.PaymentConfig;
import io.payguard.platform.messaging.RetentionJob;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Deletes answered wallet commands older than {@code payguard.payment.wallet-commands.retention} (never less than 24 h)
 * in bounded, batched, SKIP LOCKED rounds (a platform {@link RetentionJob}, started with the service). An unanswered command is never
 * deleted: {@link WalletCommandResender} sends it again until the wallet answers. An answered one is only looked up when
 * its answer arrives; a second delivery of that answer is recognised by processed_event (14 days) before the lookup.
 */
@Singleton
public class WalletCommandPurge extends RetentionJob {

    static final Duration MIN_RETENTION = Duration.ofHours(24);

    public WalletCommandPurge(Pool pool, Clock clock, PaymentConfig config) {
        super(
                "answered wallet commands",
                "payguard.payment.wallet-commands.retention",
                pool,
                clock,
                "wallet_command",
                "answered_at < $1",
                config.walletCommands(),
                MIN_RETENTION);
    }
}

package io.payguard.wallet.adapter.out.persistence;

import java.time.Clock;
import java.time.Duration;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.payguard.platform.messaging.RetentionJob;
import io.payguard.wallet.config.WalletConfig;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Keeps {@code command_answer} bounded (a platform {@link RetentionJob}, started with the service by
 * {@code RetentionJobs}). An answer is what a redelivered or re-sent command gets back, and the command is known as
 * processed for {@code payguard.messaging.processed-event.retention}; its answer must live at least that long, or a
 * resend would find its command processed and no answer to give (the payment would wait for good): the service
 * refuses to start with less.
 */
@Singleton
public class CommandAnswerRetention extends RetentionJob {

    public CommandAnswerRetention(
            Pool pool,
            Clock clock,
            WalletConfig config,
            @ConfigProperty(name = "payguard.messaging.processed-event.retention", defaultValue = "P14D")
                    Duration processedEventRetention) {
        super(
                "command answers",
                "payguard.wallet.command-answer.retention",
                pool,
                clock,
                "command_answer",
                "created_at < $1",
                config.commandAnswer(),
                processedEventRetention);
    }
}

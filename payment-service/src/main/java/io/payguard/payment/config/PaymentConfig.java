package io.payguard.payment.config;

import java.time.Duration;

import io.payguard.platform.messaging.RetentionJob;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "payguard.payment")
public interface PaymentConfig {

    /** How long confirm waits for the funding side before answering {@code processing}. */
    @WithDefault("PT2S")
    Duration confirmWait();

    /** Lifetime of a wallet hold placed for an authorisation. */
    @WithDefault("P7D")
    Duration holdTtl();

    /** A wallet command unanswered this long is sent again (same id: the wallet re-publishes its answer). */
    @WithDefault("PT30S")
    Duration walletResendAfter();

    /** How often the outstanding wallet commands are checked; 0 disables the check. */
    @WithDefault("PT5S")
    Duration walletResendInterval();

    /**
     * The wait before each further re-send of one command doubles ({@code wallet-resend-after} x 2^n) up to this: a
     * command whose answer stays away for long costs a re-send every few minutes, not every {@code wallet-resend-after}.
     */
    @WithDefault("PT10M")
    Duration walletResendMaxInterval();

    /**
     * Re-sends wait while the wallet-answers consumer works through a backlog: while the last answer it processed was
     * older than this when it was processed (the answers being looked for may be queued behind it).
     */
    @WithDefault("PT5S")
    Duration walletAnswersCurrentWithin();

    Idempotency idempotency();

    /**
     * Retention of {@code wallet_command} ({@code payguard.payment.wallet-commands.*}): a command is kept unanswered for
     * as long as it takes (it is re-sent until the wallet answers); once answered it is only read again if the answer
     * comes twice, which processed_event already recognises, so it goes after {@code retention} (at least 24 h).
     */
    RetentionJob.Settings walletCommands();

    AcquirerSimulator acquirer();

    Recovery recovery();

    /** Card payments left in {@code processing} by a replica that died between the acquirer call and recording its answer. */
    interface Recovery {
        /** A card payment unchanged in processing this long is resolved by asking the acquirer. */
        @WithDefault("PT1M")
        Duration after();

        /** How often the job looks; 0 disables it. */
        @WithDefault("PT15S")
        Duration interval();

        /** At most this many payments per round (and at most this many refunds). */
        @WithDefault("50")
        int batch();

        /**
         * A capture whose outcome the acquirer cannot tell is asked about at most this many rounds, then parked: no
         * longer picked, logged once at WARN, counted (outcome {@code parked}) and in the gauge
         * {@code payguard.payment.card.recovery.parked}, for an operator. The same for a pending card refund the
         * acquirer cannot resolve (outcome {@code refund_parked}, gauge
         * {@code payguard.payment.card.recovery.parked-refunds}).
         */
        @WithDefault("10")
        int maxAttempts();

        /** A card refund still pending this long after it was requested is resolved by asking the acquirer. */
        @WithDefault("PT1M")
        Duration refundAfter();
    }

    interface AcquirerSimulator {
        /** Latency of every simulated acquirer call. */
        @WithDefault("PT0S")
        Duration latency();

        /**
         * Where the simulated acquirer keeps what it did (authorisations, captures, refunds, reversals), one line each,
         * read back at start: a real acquirer outlives our processes. Unset (tests): memory only. ./dev sets it.
         */
        java.util.Optional<java.nio.file.Path> journal();
    }

    interface Idempotency {
        /** How long a key and its answer are kept; at least 24 hours. */
        @WithDefault("PT24H")
        Duration retention();

        /** After this long, a key whose first request never finished may be taken over by the same request. */
        @WithDefault("PT1M")
        Duration lock();

        /** How often keys older than the retention are deleted; 0 disables the purge. */
        @WithDefault("PT1H")
        Duration purgeInterval();

        /** Keys deleted per statement (a short transaction each). */
        @WithDefault("1000")
        int purgeBatch();

        /** At most this many statements per purge round; the rest waits for the next round. */
        @WithDefault("20")
        int purgeMaxBatches();
    }
}

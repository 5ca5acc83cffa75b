package io.payguard.audit.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "payguard.audit")
public interface AuditConfig {

    Chain chain();

    Checkpoint checkpoint();

    Alerts alerts();

    Retention retention();

    Verification verification();

    interface Verification {
        /** How often the service verifies the chain incrementally by itself (a failure raises an alert); 0 turns it off. */
        @WithDefault("PT5M")
        Duration every();
    }

    /** How long records stay: hot in the database, then in archive files until the total has passed. */
    interface Retention {
        @WithDefault("P90D")
        Duration hot();

        @WithDefault("P365D")
        Duration total();
    }

    interface Alerts {
        /** More failed authentications than this within a minute from one client id or address raise an alert. */
        @WithDefault("10")
        int failedAuthenticationsPerMinute();
    }

    interface Chain {
        /** Most records chained in one transaction. */
        @WithDefault("500")
        int maxBatch();

        /** Records waiting for the appender before the consumers are held back. */
        @WithDefault("5000")
        int maxPending();

        /**
         * How long a batch waits for more records after its first one (0: none). Each batch is one transaction with a
         * lock of the chain head: waiting a little turns many tiny transactions into a few larger ones under load, at
         * the price of that much delay before a record is in the chain (and its Kafka message acknowledged).
         */
        @WithDefault("PT0.05S")
        java.time.Duration linger();
    }

    interface Checkpoint {
        /** Sign the head after this many new records... */
        @WithDefault("1000")
        long everyRecords();

        /** ...or after this long, whichever comes first (only when the head moved). */
        @WithDefault("PT60S")
        Duration every();

        /** The Ed25519 signing key in the KMS (payguard.kms.provider); created on first start. */
        @WithDefault("payguard-audit-checkpoint")
        String keyName();
    }
}

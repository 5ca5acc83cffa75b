package io.payguard.auth.privacy.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code payguard.privacy.*}: consent purposes and data-subject requests (auth-service README, "Privacy"). */
@ConfigMapping(prefix = "payguard.privacy")
public interface PrivacyConfig {

    /** The purposes of processing, by id ({@code payment_processing}, {@code marketing}, ...). */
    Map<String, PurposeConfig> purposes();

    /** How old the token's {@code auth_time} may be for a request to count as verified. */
    @WithDefault("PT10M")
    Duration verificationMaxAge();

    Deadlines deadlines();

    /** How long an assembled export stays available. */
    @WithDefault("P7D")
    Duration exportTtl();

    /** How long consent evidence is kept, pseudonymised, after the subject's erasure. */
    @WithDefault("P3Y")
    java.time.Period consentEvidenceHold();

    /** Every how often missing replies are requested again. */
    @WithDefault("PT30S")
    Duration rerequestInterval();

    /** How long a phase waits for replies before it asks again. */
    @WithDefault("PT60S")
    Duration rerequestAfter();

    /** The services that must answer every request (their participants). */
    @WithDefault("auth-service,payment-service,wallet-service,audit-service")
    java.util.List<String> participants();

    /** The KMS SIGN key that signs export bundles (Ed25519). */
    @WithDefault("auth-privacy-export-signing")
    String signingKeyName();

    interface Deadlines {
        @WithDefault("P15D")
        Duration cn();

        @WithDefault("P30D")
        Duration eu();
    }

    interface PurposeConfig {
        int version();

        String title();

        String textEn();

        String textZh();

        /** {@code consent}, {@code contract} or {@code legal_obligation}. */
        String legalBasis();

        @WithDefault("false")
        boolean separateConsent();

        Optional<String> thirdParty();

        /** ISO-8601 period (P5Y). */
        java.time.Period retention();
    }
}

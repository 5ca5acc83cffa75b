package io.payguard.auth.privacy.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.payguard.auth.privacy.config.PrivacyConfig;
import io.payguard.platform.messaging.PeriodicTask;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;

/**
 * The coordinator's round ({@link PeriodicTask}, every {@code rerequest-interval}): asks the participants again where
 * replies are missing after {@code rerequest-after} (they answer idempotently), and finishes erasures whose outcome
 * e-mail or identity deletion failed, and drops expired exports (bundle deleted, the request's data key shredded).
 */
@ApplicationScoped
public class DsrRounds {

    private final PrivacyConfig config;
    private final PeriodicTask round;

    public DsrRounds(DsrService requests, PrivacyConfig config) {
        this.config = config;
        this.round = new PeriodicTask(
                "privacy re-request round", () -> requests.rerequest().chain(requests::expireExports));
    }

    void start(@Observes StartupEvent ignored, Vertx vertx) {
        round.start(vertx, config.rerequestInterval());
    }

    void stop(@Observes ShutdownEvent ignored, Vertx vertx) {
        round.stop(vertx);
    }
}

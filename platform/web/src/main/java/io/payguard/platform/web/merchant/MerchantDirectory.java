package io.payguard.platform.web.merchant;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.web.topic.TopicCatchUp;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Every merchant's state ({@link MerchantState}), by merchant id, kept in memory and fed by the compacted
 * {@code auth.merchants} topic (read from the beginning at start, never committed). A look-up is a map read: no call
 * to the auth service per payment. The auth service's facts reach this view as fast as its outbox relay and Kafka
 * deliver them (a merchant onboarded a moment ago may be unknown here for that moment).
 *
 * <p>
 * Until the view has read the topic to where it ended at start, an unknown merchant might just not have been read
 * yet, so {@link #lookup} waits for the catch-up (at most {@code payguard.merchant-directory.catch-up-wait}) and
 * otherwise fails with {@link NotCaughtUp}, never with a wrong "not found".
 */
@ApplicationScoped
@IfBuildProperty(name = MerchantStates.ENABLED, stringValue = "true", enableIfMissing = true)
public class MerchantDirectory {

    private static final Logger LOG = Logger.getLogger(MerchantDirectory.class);

    /** The directory has not read its topic to the end yet (a timeout: consumers retry it, it is no poison). */
    public static final class NotCaughtUp extends java.util.concurrent.TimeoutException {
        NotCaughtUp() {
            super("the merchant directory has not read " + MerchantStates.TOPIC + " to its end yet");
        }
    }

    /** Why a merchant cannot be paid. */
    public enum Refusal {
        NOT_FOUND("merchant_not_found"),
        INACTIVE("merchant_inactive");

        private final String code;

        Refusal(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Map<String, MerchantState> byId = new ConcurrentHashMap<>();
    private final TopicCatchUp catchUp;
    private final Duration catchUpWait;
    private volatile boolean stopped;

    public MerchantDirectory(
            MeterRegistry meters,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "payguard.merchant-directory.catch-up-wait", defaultValue = "PT10S")
                    Duration catchUpWait) {
        this.catchUp = new TopicCatchUp(MerchantStates.TOPIC, kafkaConfig);
        this.catchUpWait = catchUpWait;
        Gauge.builder("payguard.merchants.known", byId, Map::size)
                .description("merchants known to this instance's directory")
                .register(meters);
    }

    /** Asks the broker where the topic ends as soon as the service starts (retrying until it answers). */
    void start(@Observes StartupEvent ignored) {
        Infrastructure.getDefaultWorkerPool().execute(this::readTargets);
    }

    void stop(@Observes ShutdownEvent ignored) {
        stopped = true;
    }

    private void readTargets() {
        if (stopped || catchUp.readTargets()) {
            return;
        }
        LOG.debugf("cannot read the end of %s yet; retrying", MerchantStates.TOPIC);
        Infrastructure.getDefaultWorkerPool().schedule(this::readTargets, 1, TimeUnit.SECONDS);
    }

    /** The state as this instance knows it now, without waiting for the catch-up. */
    public Optional<MerchantState> find(String merchantId) {
        return merchantId == null ? Optional.empty() : Optional.ofNullable(byId.get(merchantId));
    }

    /** The state once the directory has caught up (immediately in steady state); fails with {@link NotCaughtUp}. */
    public Uni<Optional<MerchantState>> lookup(String merchantId) {
        return caughtUp().map(x -> find(merchantId));
    }

    /** Completes at once when the directory has caught up, else when it does (on the caller's Vert.x context). */
    public Uni<Void> caughtUp() {
        if (catchUp.caughtUp()) {
            return Uni.createFrom().voidItem();
        }
        var context = io.vertx.core.Vertx.currentContext();
        var wait = Uni.createFrom()
                .completionStage(catchUp.reached())
                .ifNoItem()
                .after(catchUpWait)
                .failWith(NotCaughtUp::new);
        return context == null ? wait : wait.emitOn(task -> context.runOnContext(v -> task.run()));
    }

    /** Why this state cannot be paid, or empty when it can. */
    public static Optional<Refusal> refusal(Optional<MerchantState> state) {
        if (state.isEmpty()) {
            return Optional.of(Refusal.NOT_FOUND);
        }
        return state.get().active() ? Optional.empty() : Optional.of(Refusal.INACTIVE);
    }

    /** Applies one state event; events for the same merchant arrive in order (same partition key). */
    public void apply(CloudEvent event) {
        if (!MerchantStates.STATE_TYPE.equals(event.type())) {
            return;
        }
        var state = MerchantState.fromData(event.data());
        byId.put(state.merchantId(), state);
    }

    public void consumed(int partition, long offset) {
        catchUp.consumed(partition, offset);
    }

    TopicCatchUp catchUp() {
        return catchUp;
    }

    public int size() {
        return byId.size();
    }
}

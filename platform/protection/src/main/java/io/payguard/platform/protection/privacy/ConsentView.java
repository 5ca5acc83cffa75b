package io.payguard.platform.protection.privacy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.kernel.failure.ApplicationException;
import io.payguard.platform.messaging.CloudEventCodec;
import io.payguard.platform.messaging.MalformedEventException;
import io.payguard.platform.protection.privacy.PrivacyMessages.ConsentState;

/**
 * Every customer's consent per purpose, as auth-service's consent registry last stated it on the compacted
 * {@code privacy.consents} topic (key {@code <subject>:<purpose>}). Each service instance reads the whole topic into
 * memory with a group of its own and never commits (as platform/web's API key registry does), so a purpose that needs
 * consent is checked locally, without a call per request. A newer state replaces an older one by {@code changedAt};
 * a redelivered or reordered older record changes nothing. Until the topic is read, a purpose counts as not consented:
 * the safe side of a consent check is a refusal.
 */
@ApplicationScoped
public class ConsentView {

    public static final String CHANNEL = "privacy-consents";
    private static final Logger LOG = Logger.getLogger(ConsentView.class);

    private final Map<String, ConsentState> states = new ConcurrentHashMap<>();
    private final CloudEventCodec codec;

    public ConsentView(CloudEventCodec codec, MeterRegistry registry) {
        this.codec = codec;
        registry.gauge("payguard.privacy.consent.states", states, Map::size);
    }

    /** True when the subject's latest state for the purpose is a grant. */
    public boolean granted(String subject, String purpose) {
        ConsentState state = states.get(ConsentState.key(subject, purpose));
        return state != null && state.granted();
    }

    /** The latest known state, if any. */
    public Optional<ConsentState> state(String subject, String purpose) {
        return Optional.ofNullable(states.get(ConsentState.key(subject, purpose)));
    }

    /**
     * Refuses (403 {@code consent_required}, naming the purpose) unless the subject consented to the purpose and has
     * not withdrawn it.
     */
    public void require(String subject, String purpose) {
        if (!granted(subject, purpose)) {
            throw ApplicationException.notPermitted(
                    "consent_required",
                    "Consent required",
                    "The purpose '" + purpose
                            + "' needs the customer's consent, which was not given or was withdrawn.");
        }
    }

    /** Applies one state; an older state than the one held is ignored. */
    public void apply(ConsentState state) {
        states.merge(state.key(), state, (held, next) -> next.changedAt().isBefore(held.changedAt()) ? held : next);
    }

    @Incoming(CHANNEL)
    public void consume(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return; // a tombstone: the key's data was erased; the next state (if any) replaces it
        }
        try {
            apply(PrivacyMessages.readConsent(codec.read(record.value())));
        } catch (MalformedEventException | IllegalArgumentException e) {
            LOG.warnf("skipped an unreadable consent state record: %s", e.getMessage());
        }
    }
}

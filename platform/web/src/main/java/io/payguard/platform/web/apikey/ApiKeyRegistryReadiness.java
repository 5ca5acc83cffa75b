package io.payguard.platform.web.apikey;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.payguard.platform.web.topic.TopicCatchUp;
import io.smallrye.common.annotation.Identifier;

/**
 * Ready only once this instance's {@link ApiKeyRegistry} has read {@code auth.apikeys} up to where the topic ended
 * when the instance first asked ({@link TopicCatchUp}): until then a revoked key could still be honoured (or a valid
 * one refused) by a freshly started replica.
 */
@Readiness
@jakarta.enterprise.inject.Default
@ApplicationScoped
public class ApiKeyRegistryReadiness implements HealthCheck {

    static final String NAME = "API key registry";

    private volatile TopicCatchUp catchUp;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    /** The registry applied the record at {@code offset} of {@code partition}. */
    public void consumed(int partition, long offset) {
        catchUp().consumed(partition, offset);
    }

    @Override
    public HealthCheckResponse call() {
        return catchUp().health(NAME);
    }

    private TopicCatchUp catchUp() {
        var c = catchUp;
        if (c == null) {
            synchronized (this) {
                if (catchUp == null) {
                    catchUp = new TopicCatchUp(ApiKeyStates.TOPIC, kafkaConfig);
                }
                c = catchUp;
            }
        }
        return c;
    }
}

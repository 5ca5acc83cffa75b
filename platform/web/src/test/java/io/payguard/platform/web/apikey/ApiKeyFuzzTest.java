package io.payguard.platform.web.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.payguard.kernel.ApiKeyFormat;
import io.payguard.platform.messaging.CloudEventCodec;
import io.payguard.platform.messaging.MalformedEventException;
import io.payguard.platform.web.FuzzJson;

/**
 * API keys as they come: the bearer value a client presents (shape check, the search for keys in URLs, hashing and the
 * registry look-up, which must never throw), and the key state events every service reads from {@code auth.apikeys}
 * (which may only be refused the way {@link ApiKeyStateConsumer} skips a bad record: a
 * {@link MalformedEventException}, an {@link IllegalArgumentException} or a {@link DateTimeException}).
 */
class ApiKeyFuzzTest {

    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({
        "sk_",
        "pk_",
        "rk_",
        "test_",
        "live_",
        "\"specversion\":\"1.0\"",
        "\"type\"",
        "\"io.payguard.auth.apikey.state.v1\"",
        "\"data\"",
        "\"secretHash\"",
        "\"keyId\"",
        "\"scopes\"",
        "\"expiresAt\"",
        "\"revokedAt\"",
        "\"time\"",
        "\"2026-01-01T00:00:00Z\""
    })
    void aPresentedKeyOrAKeyStateEventNeverBreaksTheRegistry(FuzzedDataProvider data) {
        var registry = new ApiKeyRegistry(new SimpleMeterRegistry());
        if (data.consumeBoolean()) {
            String presented = data.consumeRemainingAsString();
            boolean shaped = ApiKeyFormat.looksLikeKey(presented);
            assertThat(ApiKeyFormat.hash(presented)).hasSize(64);
            assertThat(registry.lookup(presented)).isEmpty();
            if (shaped) {
                assertThat(ApiKeyFormat.IN_TEXT.matcher(presented).find())
                        .as("a key is also found in text")
                        .isTrue();
            }
            return;
        }
        var codec = new CloudEventCodec(FuzzJson.mapper());
        try {
            registry.apply(codec.read(data.consumeRemainingAsString()));
        } catch (MalformedEventException | IllegalArgumentException | DateTimeException e) {
            // skipped by the consumer, with a warning
        }
    }
}

package io.payguard.platform.web.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.payguard.kernel.IdempotencyKeys;
import io.payguard.kernel.failure.ApplicationException;
import io.quarkus.runtime.configuration.MemorySize;

/**
 * What the request guard reads before anything else: the path and query as sent (percent-decoding, UTF-8, control
 * characters), the {@code Content-Type}, the public-path match, and the {@code Idempotency-Key} header. None may throw;
 * a decoded URL never holds a control character; a bad idempotency key is a 400 problem.
 */
class RequestGuardFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void theFirstLookAtARequestNeverThrows(FuzzedDataProvider data) {
        var guard = new RequestGuard(
                null,
                8192,
                16384,
                new MemorySize(java.math.BigInteger.valueOf(1 << 20)),
                Optional.of(List.of("/q/health/*", "/v1/public")));
        String key = data.consumeString(300);
        String contentType = data.consumeString(100);
        String raw = data.consumeRemainingAsString();

        String decoded = RequestGuard.decode(raw);
        if (decoded != null) {
            assertThat(decoded.codePoints()).noneMatch(cp -> cp < 0x20 || (cp >= 0x7F && cp <= 0x9F));
        }
        RequestGuard.json(contentType);
        guard.isPublic(raw);
        try {
            IdempotencyKeys.requireValidKey(key);
        } catch (ApplicationException e) {
            assertThat(e.kind()).isEqualTo(ApplicationException.Kind.INVALID);
            assertThat(e.code()).isEqualTo("invalid_idempotency_key");
        }
    }
}

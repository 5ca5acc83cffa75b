package io.payguard.auth.apikey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ApiKeyDomainTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final SecureRandom random = new SecureRandom();

    private KeySecret newSecret(KeyKind kind, KeyMode mode) {
        byte[] b = new byte[KeySecret.RANDOM_BYTES];
        random.nextBytes(b);
        return KeySecret.generate(kind, mode, b);
    }

    @Test
    void secretsCarryAScannablePrefixAnd256BitsAndAreOnlyStoredHashed() {
        KeySecret secret = newSecret(KeyKind.SECRET, KeyMode.TEST);
        assertThat(secret.reveal()).matches("sk_test_[0-9A-Za-z]{43}");
        assertThat(newSecret(KeyKind.PUBLISHABLE, KeyMode.LIVE).reveal()).startsWith("pk_live_");
        assertThat(newSecret(KeyKind.RESTRICTED, KeyMode.TEST).reveal()).startsWith("rk_test_");
        assertThat(secret.hash()).hasSize(64).doesNotContain(secret.reveal().substring(8));
        assertThat(secret.hint())
                .startsWith("sk_test_…")
                .hasSize(13)
                .endsWith(secret.reveal().substring(secret.reveal().length() - 4));
        assertThat(secret.toString()).doesNotContain(secret.reveal());
        assertThat(KeySecret.parse(secret.reveal())).contains(secret);
        assertThat(secret.kind()).isEqualTo(KeyKind.SECRET);
        assertThat(secret.mode()).isEqualTo(KeyMode.TEST);
    }

    @Test
    void allZeroAndAllOnesRandomStillGiveFullLengthKeysAndDistinctHashes() {
        var zeros = KeySecret.generate(KeyKind.SECRET, KeyMode.TEST, new byte[32]);
        byte[] ones = new byte[32];
        java.util.Arrays.fill(ones, (byte) 0xff);
        var max = KeySecret.generate(KeyKind.SECRET, KeyMode.TEST, ones);
        assertThat(zeros.reveal()).matches("sk_test_0{43}");
        assertThat(max.reveal()).matches("sk_test_[0-9A-Za-z]{43}");
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            hashes.add(newSecret(KeyKind.SECRET, KeyMode.TEST).hash());
        }
        assertThat(hashes).hasSize(1000);
        assertThatThrownBy(() -> KeySecret.generate(KeyKind.SECRET, KeyMode.TEST, new byte[16]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedPresentedKeysAreNotKeys() {
        assertThat(KeySecret.parse("sk_test_short")).isEmpty();
        assertThat(KeySecret.parse("xx_test_" + "a".repeat(43))).isEmpty();
        assertThat(KeySecret.parse("sk_prod_" + "a".repeat(43))).isEmpty();
        assertThat(KeySecret.parse(null)).isEmpty();
    }

    @Test
    void policyGivesSecretKeysEveryServerScopeAndRestrictedKeysOnlyWhatTheyList() {
        assertThat(ApiKeyPolicy.issue(KeyKind.SECRET, Set.of(), NOW, null, 0))
                .isEqualTo(new ApiKeyPolicy.Allowed(Scope.secretKeyScopes()));
        assertThat(ApiKeyPolicy.issue(KeyKind.PUBLISHABLE, null, NOW, null, 0))
                .isEqualTo(new ApiKeyPolicy.Allowed(EnumSet.of(Scope.TOKENS_WRITE)));
        assertThat(ApiKeyPolicy.issue(KeyKind.RESTRICTED, Set.of(Scope.PAYMENTS_READ), NOW, null, 0))
                .isEqualTo(new ApiKeyPolicy.Allowed(EnumSet.of(Scope.PAYMENTS_READ)));
        assertThat(ApiKeyPolicy.issue(KeyKind.RESTRICTED, Set.of(), NOW, null, 0))
                .isInstanceOf(ApiKeyPolicy.Refused.class);
        assertThat(ApiKeyPolicy.issue(KeyKind.PUBLISHABLE, Set.of(Scope.PAYMENTS_WRITE), NOW, null, 0))
                .isInstanceOf(ApiKeyPolicy.Refused.class);
        assertThat(ApiKeyPolicy.issue(KeyKind.SECRET, Set.of(Scope.PAYMENTS_READ), NOW, null, 0))
                .isInstanceOf(ApiKeyPolicy.Refused.class);
        assertThat(ApiKeyPolicy.issue(KeyKind.SECRET, Set.of(), NOW, NOW.minusSeconds(1), 0))
                .isInstanceOf(ApiKeyPolicy.Refused.class);
        assertThat(ApiKeyPolicy.issue(KeyKind.SECRET, Set.of(), NOW, NOW.plus(Duration.ofDays(500)), 0))
                .isInstanceOf(ApiKeyPolicy.Refused.class);
        assertThat(ApiKeyPolicy.issue(KeyKind.SECRET, Set.of(), NOW, null, ApiKeyPolicy.MAX_ACTIVE_KEYS_PER_MERCHANT))
                .isEqualTo(new ApiKeyPolicy.Refused(
                        "too_many_keys", "a merchant may hold at most 20 active keys; revoke one first"));
    }

    @Test
    void keysExpireAreRevokedAndRotateWithAnOverlap() {
        var secret = newSecret(KeyKind.SECRET, KeyMode.TEST);
        var key = new ApiKey(
                "key_1",
                "m-1",
                "ci",
                KeyKind.SECRET,
                KeyMode.TEST,
                Scope.secretKeyScopes(),
                secret.hash(),
                secret.hint(),
                NOW,
                NOW.plus(Duration.ofDays(30)),
                null,
                null);
        assertThat(key.status(NOW)).isEqualTo(ApiKey.Status.ACTIVE);
        assertThat(key.status(NOW.plus(Duration.ofDays(30)))).isEqualTo(ApiKey.Status.EXPIRED);

        var retired = key.retireAfter(Duration.ofHours(24), NOW, "key_2");
        assertThat(retired.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
        assertThat(retired.usableAt(NOW.plus(Duration.ofHours(23)))).isTrue();
        assertThat(retired.usableAt(NOW.plus(Duration.ofHours(24)))).isFalse();
        assertThat(ApiKeyPolicy.rotate(retired, Duration.ofHours(1), NOW)).isInstanceOf(ApiKeyPolicy.Refused.class);
        assertThat(ApiKeyPolicy.rotate(key, Duration.ofDays(8), NOW)).isInstanceOf(ApiKeyPolicy.Refused.class);

        var revoked = key.revoke(NOW);
        assertThat(revoked.status(NOW)).isEqualTo(ApiKey.Status.REVOKED);
        assertThat(revoked.revoke(NOW.plusSeconds(5))).isSameAs(revoked);
        assertThatThrownBy(() -> new ApiKey(
                        "key_3",
                        "m-1",
                        null,
                        KeyKind.PUBLISHABLE,
                        KeyMode.TEST,
                        Set.of(Scope.PAYMENTS_WRITE),
                        secret.hash(),
                        secret.hint(),
                        NOW,
                        null,
                        null,
                        null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

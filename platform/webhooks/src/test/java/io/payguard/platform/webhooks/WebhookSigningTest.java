package io.payguard.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSigningTest {

    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final byte[] BODY =
            "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\"}".getBytes(StandardCharsets.UTF_8);

    private final String secret = WebhookSigning.newSecret();

    @Test
    void newSecretIsWhsecAndBase64Of32RandomBytes() {
        var other = WebhookSigning.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(other).isNotEqualTo(secret);
    }

    /**
     * Known answers computed independently of this code, with OpenSSL, when the test was written:
     *
     * <pre>
     * KEY=$(echo -n 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' | base64 -d | xxd -p -c 256)
     * printf '%s' 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' \
     *   | openssl dgst -sha256 -mac HMAC -macopt hexkey:$KEY -binary | base64
     * </pre>
     *
     * (the first vector is also the one the Standard Webhooks reference libraries test with), and likewise for the
     * second with the key bytes "payguard-known-answer-key-32byte".
     */
    @Test
    void knownAnswersComputedWithOpenssl() {
        var standard = WebhookSigning.signature(
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8),
                List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        assertThat(standard).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

        var ours = WebhookSigning.signature(
                "msg_2Hc9pWw3c1VZ1Tf1",
                1767225600L,
                BODY,
                List.of("whsec_cGF5Z3VhcmQta25vd24tYW5zd2VyLWtleS0zMmJ5dGU="));
        assertThat(ours).isEqualTo("v1,SdVGLx9au/6RNJKcExvPB7FXEAvC3frqh/3p38bUfo8=");
    }

    @Test
    void headersCarryIdTimestampSecondsAndSignature() {
        var headers = WebhookSigning.headers("msg_1", NOW.plusMillis(999), BODY, List.of(secret));
        assertThat(headers)
                .containsOnlyKeys("webhook-id", "webhook-timestamp", "webhook-signature")
                .containsEntry("webhook-id", "msg_1")
                .containsEntry("webhook-timestamp", Long.toString(NOW.getEpochSecond()));
        assertThat(headers.get("webhook-signature"))
                .isEqualTo(WebhookSigning.signature("msg_1", NOW.getEpochSecond(), BODY, List.of(secret)));
    }

    @Test
    void roundTripVerifies() {
        var headers = WebhookSigning.headers("msg_1", NOW, BODY, List.of(secret));
        assertThatCode(() -> verifier(secret).verify(headers, BODY)).doesNotThrowAnyException();
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        var headers = new HashMap<String, String>();
        WebhookSigning.headers("msg_1", NOW, BODY, List.of(secret))
                .forEach((name, value) -> headers.put(name.toUpperCase(), value));
        assertThatCode(() -> verifier(secret).verify(headers, BODY)).doesNotThrowAnyException();
    }

    @Test
    void duringRotationBothSecretsSignAndEitherVerifies() {
        var next = WebhookSigning.newSecret();
        var headers = WebhookSigning.headers("msg_1", NOW, BODY, List.of(secret, next));

        assertThat(headers.get("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThatCode(() -> verifier(secret).verify(headers, BODY)).doesNotThrowAnyException();
        assertThatCode(() -> verifier(next).verify(headers, BODY)).doesNotThrowAnyException();
        assertThatCode(() -> verifier(WebhookSigning.newSecret(), next).verify(headers, BODY))
                .doesNotThrowAnyException();
        assertReason(verifier(WebhookSigning.newSecret()), headers, BODY, "no_matching_signature");
    }

    @Test
    void tamperedBodyIdOrTimestampFail() {
        var headers = WebhookSigning.headers("msg_1", NOW, BODY, List.of(secret));

        var tamperedBody = "{\"id\":\"evt_1\",\"type\":\"payment_intent.failed\"}".getBytes(StandardCharsets.UTF_8);
        assertReason(verifier(secret), headers, tamperedBody, "no_matching_signature");
        assertReason(verifier(secret), with(headers, "webhook-id", "msg_2"), BODY, "no_matching_signature");
        var oneSecondLater = Long.toString(NOW.getEpochSecond() + 1);
        assertReason(
                verifier(secret), with(headers, "webhook-timestamp", oneSecondLater), BODY, "no_matching_signature");
    }

    @Test
    void oldAndFutureTimestampsAreOutOfTolerance() {
        var old = WebhookSigning.headers("msg_1", NOW.minus(TOLERANCE).minusSeconds(1), BODY, List.of(secret));
        var future = WebhookSigning.headers("msg_1", NOW.plus(TOLERANCE).plusSeconds(1), BODY, List.of(secret));
        var edge = WebhookSigning.headers("msg_1", NOW.minus(TOLERANCE), BODY, List.of(secret));

        assertReason(verifier(secret), old, BODY, "timestamp_out_of_tolerance");
        assertReason(verifier(secret), future, BODY, "timestamp_out_of_tolerance");
        assertThatCode(() -> verifier(secret).verify(edge, BODY)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"webhook-id", "webhook-timestamp", "webhook-signature"})
    void missingHeaderFails(String name) {
        var headers = new HashMap<>(WebhookSigning.headers("msg_1", NOW, BODY, List.of(secret)));
        headers.remove(name);
        assertReason(verifier(secret), headers, BODY, "missing_header");
        headers.put(name, " ");
        assertReason(verifier(secret), headers, BODY, "missing_header");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-5", "1.5", "17652", "99999999999999999999", "2026-12-07T06:00:00Z"})
    void timestampThatIsNotUnixSecondsFails(String timestamp) {
        var headers = with(WebhookSigning.headers("msg_1", NOW, BODY, List.of(secret)), "webhook-timestamp", timestamp);
        var reason = timestamp.equals("17652") ? "timestamp_out_of_tolerance" : "bad_timestamp";
        assertReason(verifier(secret), headers, BODY, reason);
    }

    @Test
    void otherVersionsAndGarbageAreIgnoredButAMatchingV1Passes() {
        var headers = WebhookSigning.headers("msg_1", NOW, BODY, List.of(secret));
        var valid = headers.get("webhook-signature");
        var v1 = valid.substring(3);
        var mixed = with(headers, "webhook-signature", "v2," + v1 + " v1,%%%notbase64 v1a,xyz " + valid);
        var onlyOthers = with(headers, "webhook-signature", "v2," + v1 + " v1,%%% " + v1);

        assertThatCode(() -> verifier(secret).verify(mixed, BODY)).doesNotThrowAnyException();
        assertReason(verifier(secret), onlyOthers, BODY, "no_matching_signature");
    }

    @Test
    void aBadConfiguredSecretIsBadSecret() {
        var headers = WebhookSigning.headers("msg_1", NOW, BODY, List.of(secret));
        assertReason(verifier("whsec_not*base64"), headers, BODY, "bad_secret");
        assertReason(verifier("whsec_"), headers, BODY, "bad_secret");
        assertReason(new WebhookVerifier(List.of(), TOLERANCE, clock()), headers, BODY, "bad_secret");
    }

    @Test
    void signingRefusesNoSecretOrABadOne() {
        assertThatThrownBy(() -> WebhookSigning.signature("msg_1", 1L, BODY, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSigning.signature("msg_1", 1L, BODY, List.of("whsec_***")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static WebhookVerifier verifier(String... secrets) {
        return new WebhookVerifier(List.of(secrets), TOLERANCE, clock());
    }

    private static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        var copy = new HashMap<>(headers);
        copy.put(name, value);
        return copy;
    }

    private static void assertReason(
            WebhookVerifier verifier, Map<String, String> headers, byte[] body, String reason) {
        assertThatThrownBy(() -> verifier.verify(headers, body))
                .isInstanceOfSatisfying(
                        WebhookVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }
}

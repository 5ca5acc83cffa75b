package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The local stack's SMS gateway simulator ({@code tools/sms-gateway}, started by {@code ./dev up}) read as the
 * customer's phone: {@code GET /v1/messages?to=...} with the stack's bearer token. Used to read SCA one-time codes sent
 * by SMS.
 */
final class SmsInbox {

    record Sms(String id, String to, String text, Instant received) {}

    private SmsInbox() {}

    private static Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + Stack.get("SMS_GATEWAY_TOKEN"));
    }

    /** The messages to {@code to} (E.164), newest first (the simulator keeps the last 1,000). */
    static List<Sms> messages(String to) {
        String url = Stack.get("SMS_GATEWAY_URL") + "/v1/messages?limit=100&to="
                + URLEncoder.encode(to, StandardCharsets.UTF_8);
        var r = new Http().get(url, auth());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        var result = new ArrayList<Sms>();
        for (var m : r.json().get("data")) {
            result.add(new Sms(
                    m.get("id").asText(),
                    m.get("to").asText(),
                    m.get("text").asText(),
                    Instant.parse(m.get("received_at").asText())));
        }
        return result;
    }

    /** Sends a message as PayGuard's SMS adapter would; returns the answer. */
    static Http.Response send(String to, String text, Map<String, String> headers) {
        return new Http()
                .send("POST", Stack.get("SMS_GATEWAY_URL") + "/v1/messages", headers, Map.of("to", to, "text", text));
    }

    static Http.Response send(String to, String text) {
        return send(to, text, auth());
    }

    /** Waits for the newest message to {@code to} received at or after {@code since}. */
    static Sms awaitNewest(String to, Instant since, Duration wait) {
        return await().atMost(wait)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> messages(to).stream()
                                .filter(m -> !m.received().isBefore(since))
                                .findFirst()
                                .orElse(null),
                        m -> m != null);
    }

    /** The 6-digit code of a message (as in a mail: after the word "code", else the only one). */
    static String code(Sms sms) {
        return Mailbox.code(sms.text());
    }
}

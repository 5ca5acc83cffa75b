package io.payguard.deploy.k8s;

import static io.payguard.deploy.k8s.ManifestRules.ofKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code privacy} values (issue 18): in production auth-service gets the mailer settings of the SMTP relay of
 * {@code sca.email} (STARTTLS required, login from its Secret) and egress to the relay, and nothing else changes; in
 * dev it gets none; and the chart refuses privacy mails without an SCA relay to send them through.
 */
class PrivacyValuesTest {

    private static JsonNode container(List<JsonNode> docs, String service) {
        return ofKind(docs, "Deployment").stream()
                .flatMap(d -> java.util.stream.StreamSupport.stream(
                        ManifestRules.podSpec(d).path("containers").spliterator(), false))
                .filter(c -> c.path("name").asText().equals(service))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, JsonNode> env(JsonNode container) {
        var env = new java.util.TreeMap<String, JsonNode>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    @Test
    void productionMailsThroughTheScaRelayWithStartTlsAndTheLoginFromItsSecret() {
        var docs = ChartRenderTest.rendered("values-production.yaml");
        var auth = env(container(docs, "auth-service"));
        assertThat(auth.get("QUARKUS_MAILER_HOST").path("value").asText()).isEqualTo("smtp.example.com");
        assertThat(auth.get("QUARKUS_MAILER_START_TLS").path("value").asText()).isEqualTo("REQUIRED");
        assertThat(auth.get("QUARKUS_MAILER_FROM").path("value").asText()).isEqualTo("PayGuard <no-reply@example.com>");
        assertThat(auth.get("QUARKUS_MAILER_PASSWORD")
                        .path("valueFrom")
                        .path("secretKeyRef")
                        .path("name")
                        .asText())
                .isEqualTo("payguard-smtp");
        assertThat(auth).doesNotContainKey("PAYGUARD_SCA_CHANNELS");
        assertThat(egressPorts(docs, "auth")).contains(587);
    }

    @Test
    void aSenderOfItsOwnAndNoMailInDev() {
        var own = HelmChart.render(
                "values-production.yaml", Map.of("privacy.email.from", "PayGuard Privacy <privacy@example.com>"));
        assertThat(env(container(own, "auth-service"))
                        .get("QUARKUS_MAILER_FROM")
                        .path("value")
                        .asText())
                .isEqualTo("PayGuard Privacy <privacy@example.com>");
        assertThat(env(container(own, "payment-service"))
                        .get("QUARKUS_MAILER_FROM")
                        .path("value")
                        .asText())
                .isEqualTo("PayGuard <no-reply@example.com>");
        var dev = ChartRenderTest.rendered("values-dev.yaml");
        assertThat(env(container(dev, "auth-service"))).doesNotContainKey("QUARKUS_MAILER_HOST");
        assertThat(egressPorts(dev, "auth")).doesNotContain(587);
    }

    @Test
    void privacyMailWithoutAnScaRelayIsRefused() {
        assertThatThrownBy(() -> HelmChart.render("values-dev.yaml", Map.of("privacy.email.enabled", true)))
                .hasMessageContaining("needs sca.enabled with the email channel");
    }

    private static Set<Integer> egressPorts(List<JsonNode> docs, String key) {
        Set<Integer> ports = new TreeSet<>();
        ofKind(docs, "NetworkPolicy").stream()
                .filter(d -> d.path("metadata").path("name").asText().contains(key))
                .forEach(d -> d.path("spec")
                        .path("egress")
                        .forEach(rule -> rule.path("ports")
                                .forEach(p -> ports.add(p.path("port").asInt()))));
        return ports;
    }
}

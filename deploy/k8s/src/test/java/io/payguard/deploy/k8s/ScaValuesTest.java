package io.payguard.deploy.k8s;

import static io.payguard.deploy.k8s.ManifestRules.ofKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code sca} values (issue 17): with them on, payment-service alone gets its code channels, WebAuthn relying
 * party, the SMTP relay with STARTTLS required and its login from a Secret, and the SMS gateway's token from a Secret;
 * its NetworkPolicy opens exactly the relay's and the gateway's ports. On in both environment files: dev sends codes
 * to the log only, production by e-mail and SMS and refuses to render until the site names the relay, the gateway and
 * the relying party; and what production refuses: SCA off, the log channel, a plain-HTTP gateway or origin, a missing
 * relay.
 */
class ScaValuesTest {

    @TempDir
    Path tmp;

    private static final List<Map<String, Object>> RELAY_PEERS =
            List.of(Map.of("ipBlock", Map.of("cidr", "203.0.113.10/32")));
    private static final List<Map<String, Object>> GATEWAY_PEERS =
            List.of(Map.of("ipBlock", Map.of("cidr", "198.51.100.0/24")));

    private static Map<String, Object> sca() {
        var email = new HashMap<String, Object>();
        email.put("host", "smtp.example.com");
        email.put("from", "PayGuard <no-reply@example.com>");
        email.put("existingSecret", "payguard-smtp");
        email.put("networkPeers", RELAY_PEERS);
        var sms = new HashMap<String, Object>();
        sms.put("url", "https://sms.example.com");
        sms.put("existingSecret", "payguard-sms-gateway");
        sms.put("networkPeers", GATEWAY_PEERS);
        var sca = new HashMap<String, Object>();
        sca.put("enabled", true);
        sca.put("channels", List.of("email", "sms"));
        sca.put("webauthn", Map.of("rpId", "pay.example.com", "origins", List.of("https://pay.example.com")));
        sca.put("email", email);
        sca.put("sms", sms);
        return sca;
    }

    private List<JsonNode> render(Map<String, Object> sca, Map<String, Object> sets) throws IOException {
        Path file = HelmChart.valuesFile(tmp, "sca.yaml", Map.of("sca", sca));
        return HelmChart.parse(HelmChart.template(List.of("values-production.yaml"), List.of(file), sets));
    }

    private static JsonNode container(List<JsonNode> docs, String service) {
        return ofKind(docs, "Deployment").stream()
                .filter(d -> d.path("metadata").path("name").asText().equals(HelmChart.RELEASE + "-" + service))
                .findFirst()
                .orElseThrow()
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String secretRef(JsonNode container, String name, String field) {
        return env(container, name)
                .path("valueFrom")
                .path("secretKeyRef")
                .path(field)
                .asText();
    }

    @Test
    void devSendsCodesToTheLogOnlyAndAllowsThatChannelInTheProdProfile() {
        var docs = ChartRenderTest.rendered("values-dev.yaml");
        JsonNode payment = container(docs, "payment-service");
        assertThat(env(payment, "PAYGUARD_SCA_CHANNELS").path("value").asText()).isEqualTo("log");
        assertThat(env(payment, "PAYGUARD_SCA_ALLOW_LOG_CHANNEL").path("value").asText())
                .isEqualTo("true");
        assertThat(env(payment, "PAYGUARD_RISK_SCA_LOG_CODES").path("value").asText())
                .isEqualTo("true");
        assertThat(env(payment, "PAYGUARD_SCA_WEBAUTHN_ORIGINS").path("value").asText())
                .isEqualTo("https://payguard.dev.localhost");
        // No relay or gateway in a dev cluster (nor in ManifestLaunchIT, which renders these values).
        assertThat(payment.path("env").toString())
                .doesNotContain("QUARKUS_MAILER_")
                .doesNotContain("PAYGUARD_SCA_SMS_");
        for (String other : List.of("auth-service", "wallet-service", "audit-service")) {
            assertThat(container(docs, other).path("env").toString()).as(other).doesNotContain("PAYGUARD_SCA_");
        }
    }

    @Test
    void productionSendsByEmailWithStartTlsAndBySmsWithSecretsByReference() {
        JsonNode payment = container(ChartRenderTest.rendered("values-production.yaml"), "payment-service");
        assertThat(env(payment, "PAYGUARD_SCA_CHANNELS").path("value").asText()).isEqualTo("email,sms");
        assertThat(env(payment, "PAYGUARD_SCA_ALLOW_LOG_CHANNEL")).isNull();
        assertThat(env(payment, "PAYGUARD_RISK_SCA_LOG_CODES")).isNull();
        assertThat(env(payment, "QUARKUS_MAILER_START_TLS").path("value").asText())
                .isEqualTo("REQUIRED");
        assertThat(env(payment, "QUARKUS_MAILER_PORT").path("value").asText()).isEqualTo("587");
        assertThat(secretRef(payment, "QUARKUS_MAILER_USERNAME", "name")).isEqualTo("payguard-smtp");
        assertThat(secretRef(payment, "QUARKUS_MAILER_PASSWORD", "key")).isEqualTo("password");
        assertThat(secretRef(payment, "PAYGUARD_SCA_SMS_GATEWAY_TOKEN", "name")).isEqualTo("payguard-sms-gateway");
        assertThat(env(payment, "PAYGUARD_SCA_SMS_GATEWAY_URL").path("value").asText())
                .startsWith("https://");
    }

    @Test
    void productionWithoutTheSitesRelayGatewayAndRelyingPartyRefusesToRender() {
        // values-production.yaml alone: the operator has not named the relying party, relay or gateway. One message
        // names every missing value, whichever template renders first.
        assertThatThrownBy(() -> HelmChart.templateWithoutSite(List.of("values-production.yaml"), List.of(), Map.of()))
                .hasMessageContaining("needs values only your site can supply")
                .hasMessageContaining("sca.webauthn.rpId")
                .hasMessageContaining("sca.webauthn.origins")
                .hasMessageContaining("sca.email.host, sca.email.from, sca.email.networkPeers")
                .hasMessageContaining("sca.sms.url, sca.sms.networkPeers")
                .message()
                .doesNotContain("existingSecret");
        Map<String, Object> relyingParty = new HashMap<>();
        relyingParty.put("sca.webauthn.rpId", "pay.example.com");
        relyingParty.put("sca.webauthn.origins[0]", "https://pay.example.com");
        assertThatThrownBy(
                        () -> HelmChart.templateWithoutSite(List.of("values-production.yaml"), List.of(), relyingParty))
                .hasMessageContaining("missing: sca.email.host")
                .message()
                .doesNotContain("webauthn");
        // And production cannot switch SCA off.
        assertThatThrownBy(() -> render(sca(), Map.of("sca.enabled", false))).hasMessageContaining("sca.enabled");
    }

    @Test
    void paymentServiceGetsTheChannelsWebAuthnRelayAndGatewayWithSecretsByReference() throws IOException {
        var docs = render(sca(), Map.of());
        JsonNode payment = container(docs, "payment-service");
        assertThat(env(payment, "PAYGUARD_SCA_CHANNELS").path("value").asText()).isEqualTo("email,sms");
        assertThat(env(payment, "PAYGUARD_SCA_WEBAUTHN_RP_ID").path("value").asText())
                .isEqualTo("pay.example.com");
        assertThat(env(payment, "PAYGUARD_SCA_WEBAUTHN_ORIGINS").path("value").asText())
                .isEqualTo("https://pay.example.com");
        assertThat(env(payment, "QUARKUS_MAILER_HOST").path("value").asText()).isEqualTo("smtp.example.com");
        assertThat(env(payment, "QUARKUS_MAILER_PORT").path("value").asText()).isEqualTo("587");
        assertThat(env(payment, "QUARKUS_MAILER_START_TLS").path("value").asText())
                .isEqualTo("REQUIRED");
        assertThat(secretRef(payment, "QUARKUS_MAILER_PASSWORD", "name")).isEqualTo("payguard-smtp");
        assertThat(env(payment, "QUARKUS_MAILER_PASSWORD").has("value")).isFalse();
        assertThat(env(payment, "PAYGUARD_SCA_SMS_GATEWAY_URL").path("value").asText())
                .isEqualTo("https://sms.example.com");
        assertThat(secretRef(payment, "PAYGUARD_SCA_SMS_GATEWAY_TOKEN", "key")).isEqualTo("token");
        for (String other : List.of("auth-service", "wallet-service", "audit-service")) {
            assertThat(container(docs, other).path("env").toString()).as(other).doesNotContain("PAYGUARD_SCA_");
        }
        assertThat(ManifestRules.noInlineSecrets(docs)).isEmpty();

        JsonNode policy = ofKind(docs, "NetworkPolicy").stream()
                .filter(d -> d.path("metadata").path("name").asText().equals(HelmChart.RELEASE + "-payment-service"))
                .findFirst()
                .orElseThrow();
        String egress = policy.path("spec").path("egress").toString();
        assertThat(egress).contains("203.0.113.10/32", "198.51.100.0/24", "\"port\":587", "\"port\":443");
        JsonNode walletPolicy = ofKind(docs, "NetworkPolicy").stream()
                .filter(d -> d.path("metadata").path("name").asText().equals(HelmChart.RELEASE + "-wallet-service"))
                .findFirst()
                .orElseThrow();
        assertThat(walletPolicy.toString()).doesNotContain("203.0.113.10/32");
    }

    @Test
    void onlyTheChannelsInUseNeedTheirSettings() throws IOException {
        var sca = sca();
        sca.put("channels", List.of("email"));
        sca.put("sms", Map.of());
        JsonNode payment = container(render(sca, Map.of()), "payment-service");
        assertThat(env(payment, "QUARKUS_MAILER_HOST")).isNotNull();
        assertThat(env(payment, "PAYGUARD_SCA_SMS_GATEWAY_URL")).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void productionRefusesTheLogChannelPlainHttpAndAMissingRelay() {
        var log = sca();
        log.put("channels", List.of("log", "email", "sms"));
        assertThatThrownBy(() -> render(log, Map.of())).hasMessageContaining("channels");
        var plain = sca();
        plain.put("webauthn", Map.of("rpId", "pay.example.com", "origins", List.of("http://pay.example.com")));
        assertThatThrownBy(() -> render(plain, Map.of())).hasMessageContaining("origins");
        var noRelay = sca();
        noRelay.put("email", Map.of("host", "smtp.example.com", "from", "", "networkPeers", RELAY_PEERS));
        assertThatThrownBy(() -> render(noRelay, Map.of())).hasMessageContaining("missing: sca.email.from");
        var noRp = sca();
        noRp.put("webauthn", Map.of("rpId", "", "origins", List.of("https://pay.example.com")));
        assertThatThrownBy(() -> render(noRp, Map.of())).hasMessageContaining("missing: sca.webauthn.rpId");
        var noPeers = sca();
        ((Map<String, Object>) noPeers.get("sms")).put("networkPeers", List.of());
        assertThatThrownBy(() -> render(noPeers, Map.of())).hasMessageContaining("sca.sms.networkPeers");
    }
}

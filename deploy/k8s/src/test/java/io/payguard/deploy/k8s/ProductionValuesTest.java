package io.payguard.deploy.k8s;

import static io.payguard.deploy.k8s.ManifestRules.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** values-production.yaml: replicas, anti-affinity and TLS on every link. */
class ProductionValuesTest {

    private static List<JsonNode> production() {
        return ChartRenderTest.rendered("values-production.yaml");
    }

    @Test
    void productionMeetsReplicaAntiAffinityAndTlsRules() {
        assertThat(ManifestRules.productionReadiness(production())).isEmpty();
    }

    @Test
    void devIsNotProductionReady() {
        // The same rule set must reject the dev rendering: otherwise the rules above prove nothing.
        assertThat(ManifestRules.productionReadiness(ChartRenderTest.rendered("values-dev.yaml")))
                .anyMatch(v -> v.contains("replica"))
                .anyMatch(v -> v.contains("anti-affinity"))
                .anyMatch(v -> v.contains("TLS"));
    }

    @Test
    void everyServiceGetsItsOwnCertificateFromCertManager() {
        List<JsonNode> certs = ofKind(production(), "Certificate").stream()
                .filter(c -> Set.of("api", "web")
                        .contains(c.path("metadata")
                                .path("labels")
                                .path("app.kubernetes.io/component")
                                .asText()))
                .toList();
        assertThat(certs).hasSize(5); // the four services and the web app
        for (JsonNode d : ofKind(production(), "Deployment")) {
            String name = d.path("metadata").path("name").asText();
            JsonNode tlsVolume = null;
            for (JsonNode vol : ManifestRules.podSpec(d).path("volumes")) {
                if ("tls".equals(vol.path("name").asText())) {
                    tlsVolume = vol;
                }
            }
            assertThat(tlsVolume).as(name).isNotNull();
            String secret = tlsVolume.path("secret").path("secretName").asText();
            assertThat(certs).as(name).anySatisfy(c -> {
                assertThat(c.path("spec").path("secretName").asText()).isEqualTo(secret);
                assertThat(c.path("spec").path("dnsNames").toString())
                        .contains(name + "." + HelmChart.NAMESPACE + ".svc");
            });
        }
    }

    @Test
    void theIngressHostHasExactlyOneCertificate() {
        JsonNode ingress = ofKind(production(), "Ingress").get(0);
        String secret =
                ingress.path("spec").path("tls").get(0).path("secretName").asText();
        String host = ingress.path("spec").path("rules").get(0).path("host").asText();
        assertThat(ofKind(production(), "Ingress"))
                .allSatisfy(i -> assertThat(i.path("spec")
                                .path("tls")
                                .get(0)
                                .path("secretName")
                                .asText())
                        .isEqualTo(secret));
        assertThat(ofKind(production(), "Certificate").stream()
                        .filter(c ->
                                secret.equals(c.path("spec").path("secretName").asText())))
                .singleElement()
                .satisfies(
                        c -> assertThat(c.path("spec").path("dnsNames").get(0).asText())
                                .isEqualTo(host));
    }

    @Test
    void vaultTokenIsAudienceBoundAndNoApiTokenIsMounted() {
        for (JsonNode d : ofKind(production(), "Deployment")) {
            if (ManifestRules.isWebApp(d)) {
                // no Vault: nothing but its own files; and no API token either
                assertThat(ManifestRules.podSpec(d)
                                .path("automountServiceAccountToken")
                                .asBoolean(true))
                        .isFalse();
                continue;
            }
            JsonNode projected = null;
            for (JsonNode vol : ManifestRules.podSpec(d).path("volumes")) {
                if ("vault-token".equals(vol.path("name").asText())) {
                    projected = vol.path("projected").path("sources").get(0).path("serviceAccountToken");
                }
            }
            assertThat(projected).as(ManifestRules.id(d)).isNotNull();
            assertThat(projected.path("audience").asText()).isEqualTo("vault");
            assertThat(ManifestRules.podSpec(d)
                            .path("automountServiceAccountToken")
                            .asBoolean(true))
                    .isFalse();
        }
        assertThat(ofKind(production(), "ServiceAccount"))
                .allSatisfy(
                        sa -> assertThat(sa.path("automountServiceAccountToken").asBoolean(true))
                                .isFalse());
    }
}

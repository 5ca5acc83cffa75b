package io.payguard.deploy.k8s;

import static io.payguard.deploy.k8s.ManifestRules.ofKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The optional realm-import ConfigMap. An operator passes the file with
 * {@code --set-file keycloak.realmImport.json=...}; helm-java has no --set-file, so the test writes the
 * same value into a values file, which Helm treats identically.
 */
class KeycloakRealmTest {

    @TempDir
    Path tmp;

    private List<JsonNode> renderWithRealm(String realmJson) throws IOException {
        Path file = HelmChart.valuesFile(
                tmp,
                "realm.yaml",
                Map.of("keycloak", Map.of("realmImport", Map.of("enabled", true, "json", realmJson))));
        return HelmChart.parse(HelmChart.template(List.of("values-dev.yaml"), List.of(file), Map.of()));
    }

    private static String realm() throws IOException, URISyntaxException {
        return Files.readString(Path.of(KeycloakRealmTest.class
                .getResource("/realms/realm-with-placeholders.json")
                .toURI()));
    }

    @Test
    void noRealmConfigMapByDefault() {
        assertThat(ofKind(ChartRenderTest.rendered("values-dev.yaml"), "ConfigMap"))
                .isEmpty();
    }

    @Test
    void theRealmFileLandsVerbatimInAConfigMap() throws Exception {
        String realm = realm();
        List<JsonNode> configMaps = ofKind(renderWithRealm(realm), "ConfigMap");
        assertThat(configMaps).hasSize(1);
        String stored =
                configMaps.get(0).path("data").path("payguard-realm.json").asText();
        assertThat(HelmChart.YAML.readTree(stored)).isEqualTo(HelmChart.YAML.readTree(realm));
    }

    @Test
    void aRealmWithALiteralClientSecretIsRefused() throws Exception {
        String leaky = realm().replace("${PAYGUARD_PAYMENT_CLIENT_SECRET}", "s3cr3t-value");
        assertThatThrownBy(() -> renderWithRealm(leaky)).hasMessageContaining("literal client secret");
    }

    @Test
    void enablingTheImportWithoutAFileFails() {
        assertThatThrownBy(() -> HelmChart.render("values-dev.yaml", Map.of("keycloak.realmImport.enabled", true)))
                .hasMessageContaining("--set-file keycloak.realmImport.json");
    }
}

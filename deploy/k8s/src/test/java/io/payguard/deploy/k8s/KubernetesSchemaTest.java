package io.payguard.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Every object rendered with each environment file reads strictly as its Kubernetes API type (issue 15 item 5). */
class KubernetesSchemaTest {

    static final List<String> ENVIRONMENTS = HelmChart.ENVIRONMENT_FILES;

    @ParameterizedTest
    @FieldSource("ENVIRONMENTS")
    void everyRenderedObjectIsAValidKubernetesObject(String valuesFile) {
        List<JsonNode> docs = ChartRenderTest.rendered(valuesFile);
        assertThat(docs).isNotEmpty();
        assertThat(KubernetesSchema.validate(docs)).isEmpty();
        // Only the CRD kinds escape the typed read; every other object was read.
        assertThat(docs)
                .filteredOn(d -> !KubernetesSchema.TYPES.containsKey(
                        d.path("apiVersion").asText() + "/" + d.path("kind").asText()))
                .allSatisfy(d -> assertThat(d.path("apiVersion").asText() + "/"
                                + d.path("kind").asText())
                        .isIn(KubernetesSchema.UNTYPED_KINDS));
    }

    @Test
    void everyOptionalFeatureRendersValidObjectsToo() {
        // Paths the two environment files leave off: HTTP-only production-like pods with the Vault Agent, the realm
        // ConfigMap, the PDB/HPA of dev.
        List<JsonNode> docs = HelmChart.render(
                "values-production.yaml",
                Map.of("keycloak.realmImport.enabled", true, "keycloak.realmImport.json", "{\"realm\":\"payguard\"}"));
        assertThat(KubernetesSchema.validate(docs)).isEmpty();
    }

    private static List<JsonNode> dev(String kind, Consumer<ObjectNode> change) {
        List<JsonNode> docs = HelmChart.render("values-dev.yaml");
        docs.stream()
                .filter(d -> kind.equals(d.path("kind").asText()))
                .findFirst()
                .map(d -> (ObjectNode) d)
                .ifPresent(change);
        return docs;
    }

    private static ObjectNode container(ObjectNode deployment) {
        return (ObjectNode) deployment
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
    }

    @Test
    void aMisspelledOrMisplacedFieldIsCaught() {
        // The controls: each a change the structural rules do not see.
        assertThat(KubernetesSchema.validate(dev("Deployment", d -> ((ObjectNode) d.path("spec")).put("replica", 2))))
                .anyMatch(v -> v.contains("unknown field spec.replica"));
        assertThat(KubernetesSchema.validate(dev(
                        "Deployment",
                        d -> ((ObjectNode) container(d)
                                        .path("lifecycle")
                                        .path("preStop")
                                        .path("sleep"))
                                .put("second", 5))))
                .anyMatch(v -> v.contains("lifecycle.preStop.sleep.second"));
        assertThat(KubernetesSchema.validate(dev("Deployment", d -> container(d).put("resources", "1 cpu"))))
                .anyMatch(v -> v.contains("does not read as Deployment"));
        assertThat(KubernetesSchema.validate(dev("Ingress", d -> ((ObjectNode) d.path("spec")).putArray("rule"))))
                .anyMatch(v -> v.contains("unknown field spec.rule"));
        assertThat(KubernetesSchema.validate(
                        dev("NetworkPolicy", d -> ((ObjectNode) d.path("spec")).put("podSelectors", "x"))))
                .anyMatch(v -> v.contains("unknown field spec.podSelectors"));
        assertThat(KubernetesSchema.validate(dev("Service", d -> d.put("kind", "Servic"))))
                .anyMatch(v -> v.contains("no Kubernetes API type"));
    }
}

package io.payguard.deploy.k8s;

import static io.payguard.deploy.k8s.ManifestRules.ofKind;
import static io.payguard.deploy.k8s.ManifestRules.podLabels;
import static io.payguard.deploy.k8s.ManifestRules.selects;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;

/** Renders the chart with each environment file and checks the rules every environment must meet. */
class ChartRenderTest {

    static final List<String> ENVIRONMENTS = HelmChart.ENVIRONMENT_FILES;
    private static final List<String> SERVICES =
            List.of("auth-service", "payment-service", "wallet-service", "audit-service");
    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    static List<JsonNode> rendered(String valuesFile) {
        return RENDERED.computeIfAbsent(valuesFile, HelmChart::render);
    }

    @ParameterizedTest
    @FieldSource("ENVIRONMENTS")
    void rendersEveryObjectEachServiceNeeds(String valuesFile) {
        List<JsonNode> docs = rendered(valuesFile);
        for (String svc : SERVICES) {
            String name = HelmChart.RELEASE + "-" + svc;
            for (String kind : List.of("Deployment", "Service", "ServiceAccount", "NetworkPolicy", "Ingress")) {
                assertThat(ofKind(docs, kind))
                        .as(kind + " of " + svc + " with " + valuesFile)
                        .anySatisfy(
                                d -> assertThat(d.path("metadata").path("name").asText())
                                        .isEqualTo(name));
            }
        }
    }

    @ParameterizedTest
    @FieldSource("ENVIRONMENTS")
    void everyObjectIsAKnownKindWithItsApiVersion(String valuesFile) {
        assertThat(ManifestRules.structure(rendered(valuesFile))).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("ENVIRONMENTS")
    void everyContainerIsHardenedAndProbed(String valuesFile) {
        assertThat(ManifestRules.podHardening(rendered(valuesFile))).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("ENVIRONMENTS")
    void everyPodIsReachableAndDrainsOnShutdown(String valuesFile) {
        assertThat(ManifestRules.podLifecycle(rendered(valuesFile))).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("ENVIRONMENTS")
    void noSecretValueIsRendered(String valuesFile) {
        assertThat(ManifestRules.noInlineSecrets(rendered(valuesFile))).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("ENVIRONMENTS")
    void imagesAreTaggedWithTheMavenProjectVersion(String valuesFile) throws IOException {
        String registry = HelmChart.YAML
                .readTree(HelmChart.chartDir().resolve(valuesFile).toFile())
                .path("global")
                .path("image")
                .path("registry")
                .asText();
        List<JsonNode> docs = rendered(valuesFile);
        assertThat(ofKind(docs, "Deployment")).hasSize(5); // the four services and the web app
        assertThat(ManifestRules.imagesTagged(docs, registry, HelmChart.projectVersion()))
                .isEmpty();
    }

    @ParameterizedTest
    @FieldSource("ENVIRONMENTS")
    void everyPodSitsBehindDefaultDenyAndNarrowAllows(String valuesFile) {
        assertThat(ManifestRules.networkPolicies(rendered(valuesFile))).isEmpty();
    }

    /** No PayGuard service may call another over HTTP: commands and facts cross on Kafka (product rule 1). */
    @ParameterizedTest
    @FieldSource("ENVIRONMENTS")
    void noServiceReachesAnotherServiceDirectly(String valuesFile) {
        List<JsonNode> docs = rendered(valuesFile);
        Map<String, JsonNode> podLabelsByService = new java.util.HashMap<>();
        ofKind(docs, "Deployment")
                .forEach(d -> podLabelsByService.put(
                        podLabels(d).path("app.kubernetes.io/name").asText(), podLabels(d)));
        Set<String> egressPairs = new HashSet<>();
        Set<String> ingressPairs = new HashSet<>();
        for (JsonNode np : ofKind(docs, "NetworkPolicy")) {
            if (ManifestRules.isDefaultDeny(np)) {
                continue;
            }
            String self = np.path("spec")
                    .path("podSelector")
                    .path("matchLabels")
                    .path("app.kubernetes.io/name")
                    .asText();
            for (var entry : podLabelsByService.entrySet()) {
                for (JsonNode rule : np.path("spec").path("egress")) {
                    for (JsonNode peer : rule.path("to")) {
                        if (peer.has("podSelector")
                                && !peer.has("namespaceSelector")
                                && selects(peer.path("podSelector"), entry.getValue())) {
                            egressPairs.add(self + "->" + entry.getKey());
                        }
                    }
                }
                for (JsonNode rule : np.path("spec").path("ingress")) {
                    for (JsonNode peer : rule.path("from")) {
                        if (peer.has("podSelector")
                                && !peer.has("namespaceSelector")
                                && selects(peer.path("podSelector"), entry.getValue())) {
                            ingressPairs.add(entry.getKey() + "->" + self);
                        }
                    }
                }
            }
        }
        // The services talk only through Kafka (no service calls another over HTTP), and the web app calls none (the
        // browser does): no pod-to-pod path at all.
        assertThat(podLabelsByService).hasSize(5);
        assertThat(egressPairs).isEmpty();
        assertThat(ingressPairs).isEmpty();
    }

    /** Each service reaches DNS, Kafka, its database and Keycloak; Vault only where a Vault feature is on. */
    @ParameterizedTest
    @FieldSource("ENVIRONMENTS")
    void egressCoversEachDependencyOnItsPort(String valuesFile) throws IOException {
        JsonNode values =
                HelmChart.YAML.readTree(HelmChart.chartDir().resolve(valuesFile).toFile());
        boolean vault = values.path("vault").path("enabled").asBoolean(false);
        for (JsonNode np : ofKind(rendered(valuesFile), "NetworkPolicy")) {
            if (ManifestRules.isDefaultDeny(np)) {
                continue;
            }
            Set<Integer> ports = new HashSet<>();
            np.path("spec")
                    .path("egress")
                    .forEach(r -> r.path("ports")
                            .forEach(p -> ports.add(p.path("port").asInt())));
            if (ManifestRules.isWebApp(np)) {
                // the web app reaches nothing but DNS: the browser calls Keycloak and the services
                assertThat(ports).as(ManifestRules.id(np)).containsOnly(53);
                continue;
            }
            assertThat(ports).as(ManifestRules.id(np)).contains(53, 5432);
            assertThat(ports).as(ManifestRules.id(np) + " Kafka").containsAnyOf(9092, 9093);
            assertThat(ports).as(ManifestRules.id(np) + " Keycloak").containsAnyOf(443, 8443);
            if (vault) {
                assertThat(ports).as(ManifestRules.id(np) + " Vault").contains(8200);
            } else {
                assertThat(ports).as(ManifestRules.id(np) + " Vault").doesNotContain(8200);
            }
        }
    }

    @ParameterizedTest
    @FieldSource("ENVIRONMENTS")
    void databasePasswordComesFromASecretReferenceOrVault(String valuesFile) {
        for (JsonNode d : ofKind(rendered(valuesFile), "Deployment")) {
            if (ManifestRules.isWebApp(d)) {
                continue; // no database
            }
            JsonNode container = ManifestRules.podSpec(d).path("containers").get(0);
            JsonNode password = null;
            for (JsonNode e : container.path("env")) {
                if ("QUARKUS_DATASOURCE_PASSWORD".equals(e.path("name").asText())) {
                    password = e;
                }
            }
            JsonNode annotations =
                    d.path("spec").path("template").path("metadata").path("annotations");
            if (password != null) {
                assertThat(password.has("value")).as(ManifestRules.id(d)).isFalse();
                assertThat(password.path("valueFrom")
                                .path("secretKeyRef")
                                .path("name")
                                .asText())
                        .as(ManifestRules.id(d))
                        .isNotEmpty();
            } else {
                assertThat(annotations.path("vault.hashicorp.com/agent-inject").asText())
                        .as(ManifestRules.id(d))
                        .isEqualTo("true");
                assertThat(annotations
                                .path("vault.hashicorp.com/agent-inject-template-datasource.properties")
                                .asText())
                        .as(ManifestRules.id(d))
                        .contains("quarkus.datasource.password={{ .Data.password }}");
            }
        }
    }

    /**
     * The audit service signs checkpoints with a key in the KMS (no key material in any Secret or env), and migrates as
     * the owner role in production. The wallet service, which uses no KMS, gets no KMS settings and no keyring volume.
     */
    @ParameterizedTest
    @FieldSource("ENVIRONMENTS")
    void auditSignsCheckpointsInTheKmsAndInProductionGetsItsOwnerLogin(String valuesFile) {
        List<JsonNode> docs = rendered(valuesFile);
        JsonNode audit = ofKind(docs, "Deployment").stream()
                .filter(d -> d.path("metadata").path("name").asText().endsWith("-audit-service"))
                .findFirst()
                .orElseThrow();
        Map<String, JsonNode> env = new java.util.HashMap<>();
        ManifestRules.podSpec(audit)
                .path("containers")
                .get(0)
                .path("env")
                .forEach(e -> env.put(e.path("name").asText(), e));
        assertThat(env.get("PAYGUARD_AUDIT_CHECKPOINT_KEY_NAME").path("value").asText())
                .isEqualTo("payguard-audit-checkpoint");
        assertThat(env)
                .containsKey("PAYGUARD_KMS_PROVIDER")
                .doesNotContainKeys("PAYGUARD_AUDIT_CHECKPOINT_PRIVATE_KEY", "PAYGUARD_KMS_KEK_NAME");
        JsonNode wallet = ofKind(docs, "Deployment").stream()
                .filter(d -> d.path("metadata").path("name").asText().endsWith("-wallet-service"))
                .findFirst()
                .orElseThrow();
        assertThat(ManifestRules.podSpec(wallet)
                        .path("containers")
                        .get(0)
                        .path("env")
                        .findValuesAsText("name"))
                // issue 18: the wallet service has the protection kit (its privacy participant), so a KMS of its own
                .contains("PAYGUARD_KMS_PROVIDER", "PAYGUARD_KMS_KEK_NAME");
        assertThat(env.get("QUARKUS_FLYWAY_PLACEHOLDERS_AUDIT_APP_ROLE")
                        .path("value")
                        .asText())
                .isEqualTo("audit_service");
        if (valuesFile.contains("production")) {
            String template = audit.path("spec")
                    .path("template")
                    .path("metadata")
                    .path("annotations")
                    .path("vault.hashicorp.com/agent-inject-template-datasource.properties")
                    .asText();
            assertThat(template)
                    .contains(
                            "database/static-creds/payguard-audit-owner",
                            "quarkus.flyway.username={{ .Data.username }}",
                            "quarkus.flyway.password={{ .Data.password }}",
                            "quarkus.datasource.password={{ .Data.password }}");
        }
    }

    @ParameterizedTest
    @FieldSource("ENVIRONMENTS")
    void serviceMonitorOnlyWhenAsked(String valuesFile) throws IOException {
        boolean asked = HelmChart.YAML
                .readTree(HelmChart.chartDir().resolve(valuesFile).toFile())
                .path("metrics")
                .path("serviceMonitor")
                .path("enabled")
                .asBoolean(false);
        assertThat(ofKind(rendered(valuesFile), "ServiceMonitor")).hasSize(asked ? 4 : 0);
    }
}

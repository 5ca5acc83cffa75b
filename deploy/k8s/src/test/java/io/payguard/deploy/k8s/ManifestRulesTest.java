package io.payguard.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Each rule passes a known-good rendering and catches the one thing broken in a copy of it. */
class ManifestRulesTest {

    private static List<JsonNode> good() {
        try (InputStream in = ManifestRulesTest.class.getResourceAsStream("/good-manifests.yaml")) {
            return HelmChart.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> broken(String kind, Consumer<ObjectNode> change) {
        List<JsonNode> docs = new ArrayList<>();
        boolean changed = false;
        for (JsonNode d : good()) {
            if (!changed && kind.equals(d.path("kind").asText())) {
                change.accept((ObjectNode) d);
                changed = true;
            }
            docs.add(d);
        }
        assertThat(changed).as("a " + kind + " to break").isTrue();
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

    private static ObjectNode containerSc(ObjectNode deployment) {
        return (ObjectNode) container(deployment).path("securityContext");
    }

    private static ObjectNode podSpec(ObjectNode deployment) {
        return (ObjectNode) deployment.path("spec").path("template").path("spec");
    }

    private static void assertCaught(
            Function<List<JsonNode>, List<String>> rule, List<JsonNode> docs, String expected) {
        assertThat(rule.apply(docs)).anyMatch(v -> v.contains(expected));
    }

    @Test
    void theGoodRenderingPassesEveryRule() {
        List<JsonNode> docs = good();
        assertThat(ManifestRules.structure(docs)).isEmpty();
        assertThat(ManifestRules.podHardening(docs)).isEmpty();
        assertThat(ManifestRules.noInlineSecrets(docs)).isEmpty();
        assertThat(ManifestRules.imagesTagged(docs, "reg.example", "9.9.9")).isEmpty();
        assertThat(ManifestRules.networkPolicies(docs)).isEmpty();
        assertThat(ManifestRules.productionReadiness(docs)).isEmpty();
        assertThat(ManifestRules.podLifecycle(docs)).isEmpty();
    }

    private static ObjectNode env(ObjectNode deployment, String name) {
        for (JsonNode e : container(deployment).path("env")) {
            if (name.equals(e.path("name").asText())) {
                return (ObjectNode) e;
            }
        }
        throw new AssertionError("no env " + name + " in the good manifest");
    }

    @Test
    void lifecycleCatchesLoopbackBindNoPlainListenerNoPreStopAndATooLongDrain() {
        assertCaught(
                ManifestRules::podLifecycle,
                broken("Deployment", d -> env(d, "QUARKUS_HTTP_HOST").put("value", "127.0.0.1")),
                "QUARKUS_HTTP_HOST");
        assertCaught(
                ManifestRules::podLifecycle,
                broken("Deployment", d -> env(d, "QUARKUS_HTTP_SSL_PORT").put("name", "QUARKUS_HTTP_PORT")),
                "QUARKUS_HTTP_INSECURE_REQUESTS is not enabled");
        assertCaught(
                ManifestRules::podLifecycle,
                broken("Deployment", d -> container(d).remove("lifecycle")),
                "no preStop sleep");
        assertCaught(
                ManifestRules::podLifecycle,
                broken("Deployment", d -> env(d, "QUARKUS_SHUTDOWN_TIMEOUT").put("value", "40s")),
                "do not end before terminationGracePeriodSeconds");
        assertCaught(
                ManifestRules::podLifecycle,
                broken("Deployment", d -> podSpec(d).remove("terminationGracePeriodSeconds")),
                "do not end before terminationGracePeriodSeconds 30");
    }

    @Test
    void structureCatchesUnknownKindsWrongApiVersionsAndMissingNames() {
        assertCaught(
                ManifestRules::structure,
                broken("PodDisruptionBudget", d -> d.put("apiVersion", "policy/v1beta1")),
                "expected policy/v1");
        assertCaught(ManifestRules::structure, broken("Ingress", d -> d.put("kind", "Ingres")), "is not one of");
        assertCaught(
                ManifestRules::structure,
                broken("Deployment", d -> ((ObjectNode) d.path("metadata")).remove("name")),
                "missing");
        assertCaught(
                ManifestRules::structure,
                broken("Deployment", d -> ((ObjectNode) d.path("metadata")).put("name", "Bad_Name")),
                "DNS-1123");
    }

    @Test
    void hardeningCatchesEachMissingControl() {
        assertCaught(
                ManifestRules::podHardening,
                broken("Deployment", d -> containerSc(d).put("runAsUser", 0)),
                "runAsUser");
        assertCaught(
                ManifestRules::podHardening,
                broken("Deployment", d -> ((ObjectNode) podSpec(d).path("securityContext")).put("runAsNonRoot", false)),
                "runAsNonRoot");
        assertCaught(
                ManifestRules::podHardening,
                broken("Deployment", d -> containerSc(d).put("readOnlyRootFilesystem", false)),
                "readOnlyRootFilesystem");
        assertCaught(
                ManifestRules::podHardening,
                broken("Deployment", d -> containerSc(d).remove("allowPrivilegeEscalation")),
                "allowPrivilegeEscalation");
        assertCaught(
                ManifestRules::podHardening,
                broken(
                        "Deployment",
                        d -> ((ArrayNode) containerSc(d).path("capabilities").path("drop"))
                                .removeAll()
                                .add("NET_RAW")),
                "capabilities.drop does not contain ALL");
        assertCaught(
                ManifestRules::podHardening,
                broken(
                        "Deployment",
                        d -> ((ObjectNode) podSpec(d).path("securityContext").path("seccompProfile"))
                                .put("type", "Unconfined")),
                "seccompProfile");
        assertCaught(
                ManifestRules::podHardening,
                broken("Deployment", d -> ((ObjectNode) container(d).path("resources")).remove("limits")),
                "resources.limits.cpu");
        assertCaught(
                ManifestRules::podHardening,
                broken("Deployment", d -> container(d).remove("readinessProbe")),
                "readinessProbe missing");
        assertCaught(
                ManifestRules::podHardening,
                broken(
                        "Deployment",
                        d -> ((ObjectNode) container(d).path("livenessProbe").path("httpGet")).put("path", "/health")),
                "expected /q/health/live");
        assertCaught(
                ManifestRules::podHardening,
                broken("Deployment", d -> container(d).remove("volumeMounts")),
                "/tmp");
        assertCaught(
                ManifestRules::podHardening,
                broken("Deployment", d -> podSpec(d).put("automountServiceAccountToken", true)),
                "automountServiceAccountToken");
    }

    @Test
    void secretsRuleCatchesInlineSecretsAndLiteralPasswords() {
        List<JsonNode> withSecret = new ArrayList<>(good());
        withSecret.add(
                HelmChart.parse("apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {password: x}\n")
                        .get(0));
        assertCaught(ManifestRules::noInlineSecrets, withSecret, "inline data/stringData");
        assertCaught(
                ManifestRules::noInlineSecrets,
                broken(
                        "Deployment",
                        d -> ((ArrayNode) container(d).path("env"))
                                .addObject()
                                .put("name", "QUARKUS_DATASOURCE_PASSWORD")
                                .put("value", "hunter2")),
                "literal value");
    }

    @Test
    void imageRuleCatchesAnotherTag() {
        assertThat(ManifestRules.imagesTagged(good(), "reg.example", "0.1.0-SNAPSHOT"))
                .hasSize(1);
        assertThat(ManifestRules.imagesTagged(good(), "other.example", "9.9.9")).hasSize(1);
    }

    @Test
    void networkRuleCatchesMissingDenyUnselectedPodsAndAllowAll() {
        List<JsonNode> noDeny = good().stream()
                .filter(d -> !d.path("metadata").path("name").asText().endsWith("default-deny"))
                .toList();
        assertCaught(ManifestRules::networkPolicies, noDeny, "no default-deny");
        assertCaught(
                ManifestRules::networkPolicies,
                broken(
                        "Deployment",
                        d -> ((ObjectNode) d.path("spec")
                                        .path("template")
                                        .path("metadata")
                                        .path("labels"))
                                .put("app.kubernetes.io/part-of", "other")),
                "not selected by a default-deny");
        assertCaught(
                ManifestRules::networkPolicies,
                broken(
                        "NetworkPolicy",
                        d -> ((ObjectNode) d.path("spec").path("podSelector").path("matchLabels"))
                                .put("app.kubernetes.io/part-of", "other")),
                "not selected by a default-deny");
        List<JsonNode> allowAll = new ArrayList<>(good());
        allowAll.add(HelmChart.parse("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: open}
                spec:
                  podSelector: {}
                  policyTypes: [Egress]
                  egress: [{}]
                """).get(0));
        assertCaught(ManifestRules::networkPolicies, allowAll, "without 'to'");
    }

    @Test
    void productionRuleCatchesOneReplicaSoftAffinityAndPlaintextLinks() {
        assertCaught(
                ManifestRules::productionReadiness,
                broken("Deployment", d -> ((ObjectNode) d.path("spec")).put("replicas", 1)),
                "production needs >= 2");
        assertCaught(
                ManifestRules::productionReadiness,
                broken("Deployment", d -> podSpec(d).remove("affinity")),
                "anti-affinity");
        assertCaught(
                ManifestRules::productionReadiness,
                broken("Deployment", d -> ((ObjectNode) container(d).path("env").get(1)).put("value", "PLAINTEXT")),
                "Kafka link is not TLS");
        assertCaught(
                ManifestRules::productionReadiness,
                broken(
                        "Deployment",
                        d -> ((ObjectNode) container(d).path("env").get(2))
                                .put("value", "jdbc:postgresql://db:5432/wallet")),
                "PostgreSQL");
        assertCaught(
                ManifestRules::productionReadiness,
                broken("Ingress", d -> ((ObjectNode) d.path("spec")).remove("tls")),
                "not covered by TLS");
        assertCaught(
                ManifestRules::productionReadiness,
                broken("PodDisruptionBudget", d -> d.put("kind", "Other")),
                "no PodDisruptionBudget");
    }
}

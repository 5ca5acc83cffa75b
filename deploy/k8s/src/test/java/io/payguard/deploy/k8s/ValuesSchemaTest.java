package io.payguard.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** values.schema.json and the templates' own guards stop wrong values at template (and so install) time. */
class ValuesSchemaTest {

    @TempDir
    Path tmp;

    private static void assertRejected(String valuesFile, Map<String, Object> sets, String... messageParts) {
        assertThatThrownBy(() -> HelmChart.render(valuesFile, sets))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContainingAll(messageParts);
    }

    @Test
    void aValidOverrideIsAccepted() {
        // The control for the rejections below: the same mechanism with a valid value renders.
        assertThat(ManifestRules.ofKind(
                        HelmChart.render(
                                "values-production.yaml",
                                Map.of("services.wallet.autoscaling.enabled", false, "services.wallet.replicas", 4)),
                        "Deployment"))
                .anySatisfy(
                        d -> assertThat(d.path("spec").path("replicas").asInt()).isEqualTo(4));
    }

    @Test
    void replicasMustBeAnInteger() {
        assertRejected(
                "values-dev.yaml",
                Map.of("services.wallet.replicas", "two"),
                "services.wallet.replicas",
                "Invalid type");
    }

    @Test
    void theImageRegistryIsRequired() {
        assertThatThrownBy(() -> HelmChart.template(List.of(), List.of(), Map.of()))
                .hasMessageContaining("registry is required");
        // --set ...=null leaves an explicit null behind, which the schema rejects as a non-string.
        assertRejected("values-dev.yaml", Map.of("global.image.registry", "null"), "global.image.registry");
        assertRejected("values-dev.yaml", Map.of("global.image.registry", ""), "global.image.registry");
    }

    @Test
    void aDatabasePasswordCannotBeGivenAsAValue() throws IOException {
        Path file = HelmChart.valuesFile(
                tmp, "leak.yaml", HelmChart.nested("services.payment.database.password", "hunter2"));
        assertThatThrownBy(() -> HelmChart.template(List.of("values-dev.yaml"), List.of(file), Map.of()))
                .hasMessageContainingAll("services.payment.database", "password");
    }

    @Test
    void containersCannotRunAsRoot() {
        assertRejected("values-dev.yaml", Map.of("global.securityContext.runAsUser", 0), "runAsUser");
    }

    @Test
    void productionRefusesASingleReplicaOrPlaintextKafka() {
        assertRejected("values-production.yaml", Map.of("services.audit.replicas", 1), "services.audit.replicas");
        assertRejected("values-production.yaml", Map.of("kafka.tls.enabled", false), "kafka.tls.enabled");
        assertRejected("values-production.yaml", Map.of("services.wallet.database.sslMode", "require"), "sslMode");
    }

    @Test
    void anEmptyNetworkPeerListIsRefused() throws IOException {
        // An empty "to" would allow every destination.
        Path file = HelmChart.valuesFile(tmp, "open.yaml", HelmChart.nested("kafka.networkPeers", List.of()));
        assertThatThrownBy(() -> HelmChart.template(List.of("values-dev.yaml"), List.of(file), Map.of()))
                .hasMessageContaining("kafka.networkPeers");
    }

    @Test
    void aDatabaseLoginSourceIsRequired() {
        assertRejected(
                "values-dev.yaml",
                Map.of("services.audit.database.existingSecret", ""),
                "services.audit.database.existingSecret is required");
    }

    @Test
    void aSecretLookingExtraEnvMustUseASecretReference() throws IOException {
        Path file = HelmChart.valuesFile(
                tmp,
                "env.yaml",
                HelmChart.nested(
                        "services.auth.extraEnv", List.of(Map.of("name", "WEBHOOK_SIGNING_SECRET", "value", "abc"))));
        assertThatThrownBy(() -> HelmChart.template(List.of("values-dev.yaml"), List.of(file), Map.of()))
                .hasMessageContaining("WEBHOOK_SIGNING_SECRET looks like a secret");
    }

    @Test
    void theLocalKmsNeedsItsMasterKeySecretAndOneReplica() {
        assertRejected(
                "values-dev.yaml",
                Map.of("kms.local.masterKeySecret.name", ""),
                "kms.local.masterKeySecret.name is required");
        assertRejected(
                "values-dev.yaml",
                Map.of("services.payment.replicas", 2),
                "services.payment: the local KMS keyring is single-writer");
        // since issue 18 the wallet service has a keyring too (the protection kit of its privacy participant)
        assertRejected(
                "values-dev.yaml",
                Map.of("services.wallet.replicas", 2),
                "services.wallet: the local KMS keyring is single-writer");
    }

    @Test
    void theAuditCheckpointKeyNameIsRequired() {
        assertRejected(
                "values-dev.yaml",
                Map.of("services.audit.kms.checkpointKeyName", "null"),
                "services.audit.kms.checkpointKeyName is required");
        assertRejected(
                "values-dev.yaml",
                Map.of("services.audit.kms.checkpointKeyName", ""),
                "services.audit.kms.checkpointKeyName",
                "pattern");
        assertRejected(
                "values-dev.yaml",
                Map.of("services.audit.checkpointKey.existingSecret", "old-secret"),
                "checkpointKey");
    }

    @Test
    void productionMigratesTheAuditDatabaseAsTheOwnerRole() {
        assertRejected(
                "values-production.yaml",
                Map.of("services.audit.vault.migrationCredsPath", ""),
                "Flyway runs as the owner role");
    }

    @Test
    void theGracePeriodMustCoverThePreStopSleepAndADrain() {
        assertRejected(
                "values-dev.yaml",
                Map.of("global.shutdown.terminationGracePeriodSeconds", 20, "global.shutdown.preStopSleepSeconds", 15),
                "must be at least preStopSleepSeconds");
    }

    @Test
    void theServicesVaultLoginMountCannotBeMovedYet() {
        assertRejected(
                "values-production.yaml",
                Map.of("vault.kubernetesAuthMount", "k8s-prod"),
                "logs in at auth/kubernetes");
    }
}

package io.payguard.platform.protection.vault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.payguard.platform.protection.kms.KeyDestroyedException;
import io.payguard.platform.protection.kms.KeyPurpose;
import io.payguard.platform.protection.kms.KmsException;

/**
 * Contract tests: the adapter against WireMock stubs of Vault's Transit and KV v2 HTTP API (request paths,
 * bodies and token header as documented by Vault; responses as Vault shapes them). They prove what the
 * adapter sends and how it reads answers, not that a real Vault agrees: see {@link RealVaultTest}.
 */
class VaultTransitContractTest {

    private static final String TOKEN = "contract-test-token";
    private WireMockServer vault;
    private VaultTransitKeyManagementService kms;

    @BeforeEach
    void start() {
        vault = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        vault.start();
        kms = VaultKms.create(
                vault.baseUrl(),
                Optional.of(TOKEN),
                Optional.empty(),
                Path.of("/nonexistent"),
                "transit",
                "secret",
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        vault.stop();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(UTF_8));
    }

    private void keyExists(String name, String type, int latest) {
        vault.stubFor(get(urlEqualTo("/v1/transit/keys/" + name))
                .willReturn(okJson("{\"data\":{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"latest_version\":"
                        + latest + ",\"min_decryption_version\":1,\"keys\":{\"1\":1700000000}}}")));
    }

    @Test
    void encryptAndDecryptSendPlaintextAndAssociatedDataWithTheToken() {
        keyExists("pii-kek", "aes256-gcm96", 1);
        vault.stubFor(post(urlEqualTo("/v1/transit/encrypt/pii-kek"))
                .withHeader("X-Vault-Token", equalTo(TOKEN))
                .withRequestBody(matchingJsonPath("$.plaintext", equalTo(b64("secret"))))
                .withRequestBody(matchingJsonPath("$.associated_data", equalTo(b64("row-1"))))
                .willReturn(okJson("{\"data\":{\"ciphertext\":\"vault:v1:Y2lwaGVy\",\"key_version\":1}}")));
        vault.stubFor(post(urlEqualTo("/v1/transit/decrypt/pii-kek"))
                .withHeader("X-Vault-Token", equalTo(TOKEN))
                .withRequestBody(matchingJsonPath("$.ciphertext", equalTo("vault:v1:Y2lwaGVy")))
                .withRequestBody(matchingJsonPath("$.associated_data", equalTo(b64("row-1"))))
                .willReturn(okJson("{\"data\":{\"plaintext\":\"" + b64("secret") + "\"}}")));

        byte[] ciphertext = kms.encrypt("pii-kek", "secret".getBytes(UTF_8), "row-1".getBytes(UTF_8));

        assertThat(new String(ciphertext, UTF_8)).isEqualTo("vault:v1:Y2lwaGVy");
        assertThat(kms.versionOf("pii-kek", ciphertext)).isEqualTo(1);
        assertThat(kms.decrypt("pii-kek", ciphertext, "row-1".getBytes(UTF_8))).isEqualTo("secret".getBytes(UTF_8));
    }

    @Test
    void aMissingKeyIsCreatedWithTheTypeOfItsPurpose() {
        vault.stubFor(get(urlEqualTo("/v1/transit/keys/bidx"))
                .inScenario("create")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[]}")));
        vault.stubFor(get(urlEqualTo("/v1/secret/data/payguard/kms/destroyed/bidx"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[]}")));
        vault.stubFor(post(urlEqualTo("/v1/transit/keys/bidx"))
                .inScenario("create")
                .willSetStateTo("created")
                .willReturn(aResponse().withStatus(204)));
        vault.stubFor(
                get(urlEqualTo("/v1/transit/keys/bidx"))
                        .inScenario("create")
                        .whenScenarioStateIs("created")
                        .willReturn(
                                okJson(
                                        "{\"data\":{\"name\":\"bidx\",\"type\":\"hmac\",\"latest_version\":1,\"keys\":{\"1\":1700000000}}}")));
        vault.stubFor(post(urlEqualTo("/v1/transit/hmac/bidx"))
                .withRequestBody(matchingJsonPath("$.input", equalTo(b64("13812345678"))))
                .withRequestBody(matchingJsonPath("$.algorithm", equalTo("sha2-256")))
                .willReturn(okJson("{\"data\":{\"hmac\":\"vault:v1:aG1hYw==\"}}")));

        assertThat(kms.ensureKey("bidx", KeyPurpose.MAC).currentVersion()).isEqualTo(1);
        // the bare HMAC bytes (base64 "aG1hYw==" is "hmac"), without Vault's version framing
        assertThat(new String(kms.mac("bidx", "13812345678".getBytes(UTF_8)), UTF_8))
                .isEqualTo("hmac");
        vault.verify(postRequestedFor(urlEqualTo("/v1/transit/keys/bidx"))
                .withRequestBody(matchingJsonPath("$.type", equalTo("hmac"))));
    }

    @Test
    void rotationAddsAVersionAndSigningRoundTrips() {
        vault.stubFor(post(urlEqualTo("/v1/transit/keys/audit-sign/rotate"))
                .willReturn(aResponse().withStatus(204)));
        keyExists("audit-sign", "ed25519", 2);
        vault.stubFor(post(urlEqualTo("/v1/transit/sign/audit-sign"))
                .withRequestBody(matchingJsonPath("$.input", equalTo(b64("checkpoint"))))
                .willReturn(okJson("{\"data\":{\"signature\":\"vault:v2:c2ln\",\"key_version\":2}}")));
        vault.stubFor(post(urlEqualTo("/v1/transit/verify/audit-sign"))
                .withRequestBody(matchingJsonPath("$.signature", equalTo("vault:v2:c2ln")))
                .willReturn(okJson("{\"data\":{\"valid\":true}}")));

        assertThat(kms.rotate("audit-sign").currentVersion()).isEqualTo(2);
        byte[] signature = kms.sign("audit-sign", "checkpoint".getBytes(UTF_8));
        assertThat(kms.verify("audit-sign", "checkpoint".getBytes(UTF_8), signature))
                .isTrue();
    }

    @Test
    void signingWithAVersionNamesItAndPublicKeysComeFromTheKeyRead() {
        byte[] raw = new byte[32];
        raw[0] = 7;
        byte[] sig = new byte[64];
        sig[63] = 9;
        vault.stubFor(get(urlEqualTo("/v1/transit/keys/audit-cp"))
                .willReturn(okJson("{\"data\":{\"name\":\"audit-cp\",\"type\":\"ed25519\","
                        + "\"latest_version\":2,\"keys\":{\"1\":{\"creation_time\":\"2026-01-01T00:00:00Z\",\"name\":\"ed25519\",\"public_key\":\""
                        + Base64.getEncoder().encodeToString(raw)
                        + "\"},\"2\":{\"creation_time\":\"2026-02-01T00:00:00Z\",\"name\":\"ed25519\","
                        + "\"public_key\":\"" + Base64.getEncoder().encodeToString(new byte[32]) + "\"}}}}")));
        vault.stubFor(post(urlEqualTo("/v1/transit/sign/audit-cp"))
                .withRequestBody(matchingJsonPath("$.input", equalTo(b64("head"))))
                .withRequestBody(matchingJsonPath("$.key_version", equalTo("1")))
                .willReturn(okJson("{\"data\":{\"signature\":\"vault:v1:"
                        + Base64.getEncoder().encodeToString(sig) + "\",\"key_version\":1}}")));

        assertThat(kms.publicKey("audit-cp", 1)).isEqualTo(io.payguard.platform.protection.kms.Ed25519Keys.x509(raw));
        assertThat(kms.signWithVersion("audit-cp", 1, "head".getBytes(UTF_8))).isEqualTo(sig);
        assertThatThrownBy(() -> kms.publicKey("audit-cp", 3))
                .isInstanceOf(KmsException.class)
                .hasMessageContaining("v3");
    }

    @Test
    void destroyRecordsATombstoneAllowsDeletionDeletesAndIsNeverRecreated() {
        vault.stubFor(post(urlEqualTo("/v1/secret/data/payguard/kms/destroyed/subject-7"))
                .willReturn(okJson(
                        "{\"data\":{\"version\":1,\"created_time\":\"2026-11-26T11:00:00Z\",\"destroyed\":false}}")));
        vault.stubFor(post(urlEqualTo("/v1/transit/keys/subject-7/config"))
                .willReturn(aResponse().withStatus(204)));
        vault.stubFor(delete(urlEqualTo("/v1/transit/keys/subject-7"))
                .willReturn(aResponse().withStatus(204)));
        vault.stubFor(get(urlEqualTo("/v1/transit/keys/subject-7"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[]}")));
        vault.stubFor(
                get(urlEqualTo("/v1/secret/data/payguard/kms/destroyed/subject-7"))
                        .willReturn(
                                okJson(
                                        "{\"data\":{\"data\":{\"destroyed\":\"true\"},\"metadata\":{\"version\":1,\"created_time\":\"2026-11-26T11:00:00Z\",\"destroyed\":false}}}")));

        kms.destroy("subject-7");

        vault.verify(postRequestedFor(urlEqualTo("/v1/transit/keys/subject-7/config"))
                .withRequestBody(equalToJson("{\"deletion_allowed\":true}", true, true)));
        vault.verify(deleteRequestedFor(urlEqualTo("/v1/transit/keys/subject-7")));
        assertThatThrownBy(() -> kms.ensureKey("subject-7", KeyPurpose.AEAD)).isInstanceOf(KeyDestroyedException.class);
        vault.verify(0, postRequestedFor(urlEqualTo("/v1/transit/keys/subject-7")));
    }

    @Test
    void kubernetesAuthLogsInWithTheServiceAccountTokenAndUsesTheVaultToken(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path jwt = dir.resolve("token");
        java.nio.file.Files.writeString(jwt, "service-account-jwt");
        vault.stubFor(post(urlEqualTo("/v1/auth/kubernetes/login"))
                .withRequestBody(matchingJsonPath("$.role", equalTo("auth-service")))
                .withRequestBody(matchingJsonPath("$.jwt", equalTo("service-account-jwt")))
                .willReturn(okJson(
                        "{\"auth\":{\"client_token\":\"k8s-issued-token\",\"accessor\":\"a\",\"policies\":[\"payguard\"],"
                                + "\"lease_duration\":3600,\"renewable\":true}}")));
        vault.stubFor(
                get(urlEqualTo("/v1/transit/keys/pii-kek"))
                        .withHeader("X-Vault-Token", equalTo("k8s-issued-token"))
                        .willReturn(
                                okJson(
                                        "{\"data\":{\"name\":\"pii-kek\",\"type\":\"aes256-gcm96\",\"latest_version\":3,\"keys\":{\"1\":1700000000}}}")));
        var k8s = VaultKms.create(
                vault.baseUrl(),
                Optional.empty(),
                Optional.of("auth-service"),
                jwt,
                "transit",
                "secret",
                Duration.ofSeconds(5));

        assertThat(k8s.describe("pii-kek").currentVersion()).isEqualTo(3);
        vault.verify(postRequestedFor(urlEqualTo("/v1/auth/kubernetes/login")));
        assertThatThrownBy(() -> VaultKms.create(
                        vault.baseUrl(),
                        Optional.empty(),
                        Optional.empty(),
                        jwt,
                        "transit",
                        "secret",
                        Duration.ofSeconds(5)))
                .isInstanceOf(KmsException.class)
                .hasMessageContaining("kubernetes-role");
    }

    @Test
    void vaultErrorsBecomeKmsExceptionsWithoutTheData() {
        vault.stubFor(post(urlEqualTo("/v1/transit/decrypt/pii-kek"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[\"cipher: message authentication failed\"]}")));

        assertThatThrownBy(
                        () -> kms.decrypt("pii-kek", "vault:v1:dGFtcGVyZWQ=".getBytes(UTF_8), "row-1".getBytes(UTF_8)))
                .isInstanceOf(KmsException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageNotContaining("dGFtcGVyZWQ");
    }
}

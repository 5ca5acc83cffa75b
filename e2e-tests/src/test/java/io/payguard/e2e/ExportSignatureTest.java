package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** PrivacyIT's check of an export's signature accepts a right one and refuses a changed export or another key. */
class ExportSignatureTest {

    private static final String EXPORT = """
            {"object": "data_export", "requestId": "dsr_1", "subject": "6f1c", "summary": "You have 1 wallet.",
             "services": {"auth-service": {"consents": [{"purpose": "marketing"}]},
                          "payment-service": {"payments": [{"id": "pi_1", "amount": 100}], "cards": []},
                          "wallet-service": {"wallets": [{"id": "w-1"}]},
                          "audit-service": {"auditRecords": [], "personalDataAccess": []}}}
            """;

    @Test
    void aSignatureOverTheCanonicalFormVerifiesWithThePublishedKeyAndNothingElseDoes() throws Exception {
        var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        var export = (ObjectNode) Http.JSON.readTree(EXPORT);
        var signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(ExportSignature.canonical(export));
        export.putObject("signature")
                .put("alg", "Ed25519")
                .put("keyId", "k1")
                .put("value", Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign()));
        JsonNode published = Http.JSON
                .createObjectNode()
                .put("keyId", "k1")
                .put(
                        "publicKey",
                        Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));

        assertThat(ExportSignature.verifies(export, published)).isTrue();
        assertThat(ExportSignature.verifies(ExportSignature.tampered(export), published))
                .isFalse();
        var other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        JsonNode otherKey = Http.JSON
                .createObjectNode()
                .put("keyId", "k1")
                .put(
                        "publicKey",
                        Base64.getEncoder().encodeToString(other.getPublic().getEncoded()));
        assertThat(ExportSignature.verifies(export, otherKey)).isFalse();
        JsonNode wrongId = ((ObjectNode) published.deepCopy()).put("keyId", "k2");
        assertThat(ExportSignature.verifies(export, wrongId)).isFalse();
    }

    @Test
    void entriesMeanANonEmptySection() throws Exception {
        JsonNode services = Http.JSON.readTree(EXPORT).path("services");
        assertThat(ExportSignature.hasEntries(services.path("payment-service"))).isTrue();
        assertThat(ExportSignature.hasEntries(services.path("audit-service"))).isFalse();
        assertThat(ExportSignature.hasEntries(services.path("no-such-service"))).isFalse();
    }
}

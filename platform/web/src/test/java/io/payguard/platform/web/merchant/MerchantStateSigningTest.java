package io.payguard.platform.web.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.platform.testing.HttpSignatures;

/** The request-signing fields of io.payguard.auth.merchant.state.v1: old records still read, new ones round-trip. */
class MerchantStateSigningTest {

    final ObjectMapper json = new ObjectMapper();

    @Test
    void aRecordWrittenBeforeSignedRequestsReadsAsNoKeysAndOptional() throws Exception {
        var state = MerchantState.fromData(json.readTree("""
                {"merchantId":"m-1","status":"ACTIVE","currency":"CNY","perTransactionLimitMinor":10,"dailyLimitMinor":20}"""));
        assertThat(state.signingKeys()).isEmpty();
        assertThat(state.signingRequired()).isFalse();
        assertThat(state.verificationKey("any")).isEmpty();
    }

    @Test
    void keysAndRequirementRoundTripAndParseAsVerificationKeys() {
        var keys = HttpSignatures.newKey("k-1", HttpSignatures.ECDSA_P256_SHA256);
        var state = new MerchantState(
                "m-1",
                MerchantState.Status.ACTIVE,
                Currency.getInstance("CNY"),
                10,
                20,
                List.of(
                        new MerchantState.SigningKey("k-1", keys.alg(), keys.publicKeyBase64(), true),
                        new MerchantState.SigningKey("k-0", "ed25519", "AAAA", false)),
                true);
        var read = MerchantState.fromData(state.toData(json));
        assertThat(read).isEqualTo(state);
        assertThat(read.verificationKey("k-1"))
                .hasValueSatisfying(k -> assertThat(k.active()).isTrue());
        assertThat(read.verificationKey("k-0"))
                .as("an unparsable key is no key")
                .isEmpty();
    }

    @Test
    void malformedSigningFieldsAreRefusedAsAWhole() {
        for (String bad : List.of(
                "\"requestSigning\":\"sometimes\"",
                "\"requestSigning\":true",
                "\"signingKeys\":{}",
                "\"signingKeys\":[{\"keyId\":\"k\",\"alg\":\"ed25519\",\"publicKey\":\"AAAA\",\"status\":\"lost\"}]",
                "\"signingKeys\":[1]")) {
            assertThatThrownBy(() -> MerchantState.fromData(json.readTree(
                            "{\"merchantId\":\"m\",\"status\":\"ACTIVE\",\"currency\":\"CNY\",\"perTransactionLimitMinor\":1,"
                                    + "\"dailyLimitMinor\":1," + bad + "}")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}

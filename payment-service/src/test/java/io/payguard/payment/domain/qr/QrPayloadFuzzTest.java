package io.payguard.payment.domain.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Payloads as a customer's app sends them to {@code POST /v1/qr_codes/scan} and {@code /pay}: the EMVCo parser either
 * reads a code or refuses it with {@link QrPayloadInvalid} (answered 400 {@code qr_payload_invalid}), never with any
 * other exception; a code it reads writes back a payload that reads as the same code.
 */
class QrPayloadFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void aPayloadIsReadOrRefusedAsInvalid(FuzzedDataProvider data) {
        String payload = data.consumeRemainingAsString();
        MerchantPresentedQr qr;
        try {
            qr = MerchantPresentedQr.parse(payload);
        } catch (QrPayloadInvalid refused) {
            return;
        }
        assertThat(MerchantPresentedQr.parse(qr.payload())).isEqualTo(qr);
    }
}

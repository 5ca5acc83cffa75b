package io.payguard.platform.web.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.payguard.platform.messaging.CloudEventCodec;
import io.payguard.platform.messaging.MalformedEventException;
import io.payguard.platform.web.FuzzJson;

/**
 * Merchant state events as wallet- and payment-service read them from {@code auth.merchants}: a record is applied, or
 * refused with the {@link MalformedEventException} or {@link IllegalArgumentException} that
 * {@link MerchantStateConsumer} skips. A state that is read writes back to the same state.
 */
class MerchantStateFuzzTest {

    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({
        "\"merchantId\"",
        "\"status\"",
        "\"ACTIVE\"",
        "\"suspended\"",
        "\"currency\"",
        "\"CNY\"",
        "\"perTransactionLimitMinor\"",
        "\"dailyLimitMinor\"",
        "\"specversion\":\"1.0\"",
        "\"data\"",
        "\"time\""
    })
    void aMerchantStateIsReadOrRefusedAsPoison(FuzzedDataProvider data) {
        var mapper = FuzzJson.mapper();
        String json = data.consumeRemainingAsString();
        MerchantState state;
        try {
            var event = new CloudEventCodec(mapper).read(json);
            state = MerchantState.fromData(event.data());
        } catch (MalformedEventException | IllegalArgumentException e) {
            return;
        }
        assertThat(MerchantState.fromData(state.toData(mapper))).isEqualTo(state);
    }
}

package io.payguard.auth.merchant.adapter.in.rest;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.payguard.platform.testing.RequestModelFuzzer;

/**
 * Every request body of the auth API (merchants and their names, API keys, KYC tiers, profiles; found from the resources
 * by {@link RequestModelFuzzer}), read from fuzzed JSON with the service's ObjectMapper: a model, or a 4xx problem.
 */
class AuthRequestFuzzTest {

    /** Built on first use: the resource classes must load after Jazzer's agent to be instrumented. */
    private static final class Models {
        static final RequestModelFuzzer FUZZER = new RequestModelFuzzer(MerchantResource.class);
    }

    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({
        "\"name\"",
        "\"merchantId\"",
        "\"currency\"",
        "\"CNY\"",
        "\"kind\"",
        "\"secret\"",
        "\"mode\"",
        "\"live\"",
        "\"scopes\"",
        "\"tier\"",
        "\"evidence\"",
        "\"email\"",
        "\"phone\"",
        "\"idNumber\"",
        "\"limits\"",
        "\"perTransactionLimitMinor\""
    })
    void aRequestIsReadOrRefusedWithA4xxProblem(FuzzedDataProvider data) {
        Models.FUZZER.read(data.consumeInt(), data.consumeRemainingAsString());
    }
}

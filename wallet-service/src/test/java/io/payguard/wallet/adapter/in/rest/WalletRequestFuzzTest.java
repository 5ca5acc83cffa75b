package io.payguard.wallet.adapter.in.rest;

import java.time.Instant;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.payguard.kernel.failure.ApplicationException;
import io.payguard.platform.testing.RequestModelFuzzer;
import io.payguard.platform.web.ProblemMappers;

/**
 * Every request body of the wallet API (found from the resources by {@link RequestModelFuzzer}), read from fuzzed JSON
 * with the service's ObjectMapper; and the statement's query values as sent: wallet ids, instants, entry types and the
 * opaque cursor. Refusals are 4xx problems only.
 */
class WalletRequestFuzzTest {

    /** Built on first use: the resource classes must load after Jazzer's agent to be instrumented. */
    private static final class Models {
        static final RequestModelFuzzer FUZZER = new RequestModelFuzzer(WalletResource.class);
    }

    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({
        "\"amount\"",
        "\"minor\"",
        "\"currency\"",
        "\"CNY\"",
        "\"to\"",
        "\"from\"",
        "\"wallet\"",
        "\"reason\"",
        "\"class\"",
        "w-",
        "top_up",
        "transfer",
        "merchant_payment"
    })
    void aRequestIsReadOrRefusedWithA4xxProblem(FuzzedDataProvider data) {
        int pick = data.consumeInt();
        int which = data.consumeInt(0, 4);
        String input = data.consumeRemainingAsString();
        try {
            switch (which) {
                case 0 -> WalletResource.walletId(input);
                case 1 -> WalletResource.instant(input, Instant.EPOCH, "from");
                case 2 -> WalletResource.kind(input);
                case 3 -> WalletResource.decodeCursor(input);
                default -> Models.FUZZER.read(pick, input);
            }
        } catch (ApplicationException e) { // a ProblemException, or an application refusal (an unknown wallet id)
            if (ProblemMappers.statusOf(e) >= 500) {
                throw new AssertionError("refused with " + ProblemMappers.statusOf(e), e);
            }
        }
    }
}

package io.payguard.payment.adapter.in.rest;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.payguard.platform.testing.RequestModelFuzzer;
import io.payguard.platform.web.ProblemException;

/**
 * Every request body of the payment API (found from the resources by {@link RequestModelFuzzer}), read from fuzzed JSON
 * with the service's ObjectMapper, then through the resources' own checks of free text and metadata; and the opaque
 * pagination cursors of the intents list and the review queue. Refusals are 4xx problems only.
 */
class PaymentRequestFuzzTest {

    /** Built on first use: the resource classes must load after Jazzer's agent to be instrumented. */
    private static final class Models {
        static final RequestModelFuzzer FUZZER = new RequestModelFuzzer(PaymentIntentResource.class);
    }

    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({
        "\"amount\"",
        "\"currency\"",
        "\"CNY\"",
        "\"description\"",
        "\"customer\"",
        "\"payment_method_type\"",
        "\"card\"",
        "\"wallet\"",
        "\"capture_method\"",
        "\"manual\"",
        "\"metadata\"",
        "\"payment_method\"",
        "\"cvc\"",
        "\"number\"",
        "\"exp_month\"",
        "\"exp_year\"",
        "\"code\"",
        "\"amount_to_capture\"",
        "\"cancellation_reason\"",
        "4242424242424242",
        "\"reason\""
    })
    void aRequestIsReadOrRefusedWithA4xxProblem(FuzzedDataProvider data) {
        int pick = data.consumeInt();
        boolean cursor = data.consumeBoolean();
        String input = data.consumeRemainingAsString();
        try {
            if (cursor) {
                IntentRequests.cursor(input);
                PaymentReviewResource.Cursor.decode(input);
                return;
            }
            if (Models.FUZZER.read(pick, input) instanceof PaymentApi.CreateIntent create) {
                RequestChecks.freeText(create.description(), 500, "description");
                IntentRequests.metadata(create.metadata());
                IntentRequests.captureMethod(create.captureMethod());
            }
        } catch (ProblemException e) {
            if (e.status() >= 500) {
                throw new AssertionError("refused with " + e.status(), e);
            }
        }
    }
}

package io.payguard.e2e;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Card payments through the whole running suite (tagged benchmark, run with -Pbenchmark). Merchants of the run create
 * card payments for customers of the run and confirm them with the customer's card token (one approved card per
 * customer, tokenised at setup) and CVC; the acquirer simulator authorises and captures (its latency as configured,
 * 50 ms by default). The same harness as the wallet benchmark: {@link LoadHarness}, e2e-tests/README.md ("Benchmarks").
 */
@Tag("benchmark")
class CardPaymentLoadBenchmark {

    @Test
    void cardPaymentsPerSecond() throws Exception {
        new LoadHarness(PaymentWorkload.Method.CARD).run();
    }
}

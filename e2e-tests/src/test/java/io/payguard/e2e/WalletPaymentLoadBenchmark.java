package io.payguard.e2e;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Wallet payments through the whole running suite (not part of the default build: tagged benchmark, run with
 * -Pbenchmark). Merchants of the run create wallet payments and customers of the run confirm them with DPoP-bound
 * tokens; each confirm runs the saga over Kafka (hold, automatic capture). What the run does, its knobs and the
 * command: {@link LoadHarness}, e2e-tests/README.md ("Benchmarks").
 */
@Tag("benchmark")
class WalletPaymentLoadBenchmark {

    @Test
    void walletPaymentsPerSecond() throws Exception {
        new LoadHarness(PaymentWorkload.Method.WALLET).run();
    }
}

package io.payguard.payment.adapter.out.acquirer;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.payguard.kernel.Money;
import io.payguard.payment.application.port.Acquirer;
import io.payguard.payment.config.PaymentConfig;

/** The simulated acquirer outlives the process that calls it: what it did is read back from its journal. */
class SimulatedAcquirerJournalTest {

    @TempDir
    Path dir;

    private SimulatedAcquirer acquirer(Path journal) {
        var simulator = (PaymentConfig.AcquirerSimulator) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {PaymentConfig.AcquirerSimulator.class},
                (p, m, a) -> switch (m.getName()) {
                    case "latency" -> Duration.ZERO;
                    case "journal" -> Optional.of(journal);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        var config = (PaymentConfig)
                Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PaymentConfig.class}, (p, m, a) -> {
                    if (m.getName().equals("acquirer")) {
                        return simulator;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        return new SimulatedAcquirer(null, config, new SimulatedAcs());
    }

    private static Acquirer.AuthorisationRequest request(String reference, String pan, long minor) {
        return new Acquirer.AuthorisationRequest(reference, "m_1", pan, 12, 2030, "123", Money.of(minor, "CNY"), null);
    }

    @Test
    void aRestartedPaymentServiceFindsWhatTheAcquirerDidBeforeItsProcessDied() {
        Path journal = dir.resolve("acquirer.journal");
        var before = acquirer(journal);
        var approved = (Acquirer.Result.Approved) before.authorise(request("pi_1", "4242424242424242", 5000))
                .await()
                .indefinitely();
        assertThat(before.capture(approved.authorization(), Money.of(5000, "CNY"))
                        .await()
                        .indefinitely())
                .isTrue();
        assertThat(before.refund(approved.authorization(), "re_1", Money.of(1200, "CNY"))
                        .await()
                        .indefinitely())
                .isTrue();
        before.authorise(request("pi_2", "4000000000000101", 700)).await().indefinitely(); // outcome unknown
        var other = (Acquirer.Result.Approved) before.authorise(request("pi_3", "4242424242424242", 900))
                .await()
                .indefinitely();
        before.reverse("pi_3").await().indefinitely();

        var after = acquirer(journal); // the process was SIGKILLed and started again
        assertThat(after.query("pi_1").await().indefinitely())
                .isEqualTo(new Acquirer.Result.Approved(approved.authorization(), 5000));
        assertThat(after.refunded("pi_1")).isEqualTo(1200);
        assertThat(after.refundStatus("re_1").await().indefinitely())
                .isEqualTo(new Acquirer.RefundStatus.Refunded(1200));
        assertThat(after.refund(approved.authorization(), "re_1", Money.of(1200, "CNY"))
                        .await()
                        .indefinitely())
                .as("the same refund id again: answered as the first time, nothing refunded twice")
                .isTrue();
        assertThat(after.refunded("pi_1")).isEqualTo(1200);
        assertThat(after.unresolved("pi_2")).isTrue();
        assertThat(after.reversed("pi_3")).isTrue();
        assertThat(after.query("pi_9").await().indefinitely())
                .isEqualTo(new Acquirer.Result.Declined("no_such_authorisation"));

        var fresh = (Acquirer.Result.Approved) after.authorise(request("pi_4", "4242424242424242", 300))
                .await()
                .indefinitely();
        assertThat(fresh.authorization())
                .as("a restarted acquirer never hands out an id it gave before")
                .isNotIn(approved.authorization(), other.authorization());
        assertThat(after.capture(approved.authorization(), Money.of(1, "CNY"))
                        .await()
                        .indefinitely())
                .as("nothing left to capture")
                .isFalse();
    }
}

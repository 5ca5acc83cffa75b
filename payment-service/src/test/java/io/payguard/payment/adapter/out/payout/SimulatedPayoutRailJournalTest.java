package io.payguard.payment.adapter.out.payout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.payguard.kernel.Money;
import io.payguard.payment.application.port.PayoutRail;

/** The simulated bank outlives the process that calls it: what it saw is read back from its journal. */
class SimulatedPayoutRailJournalTest {

    @TempDir
    Path dir;

    private static PayoutRail.Order order(String id, String account) {
        return new PayoutRail.Order(id, "BKCHCNBJ", account, "Li Lei", Money.of(1200, "CNY"));
    }

    @Test
    void aRestartedProcessStillGetsTheReturnsAndQueriesTheBankOwesIt() {
        Path journal = dir.resolve("payout-simulator.journal");
        var before = new SimulatedPayoutRail(Duration.ofMillis(1), Optional.of(journal));
        assertThat(before.send(order("po_1", "6222020000000077")).await().indefinitely())
                .isInstanceOf(PayoutRail.Result.Paid.class);
        before.send(order("po_1", "6222020000000077"))
                .await()
                .indefinitely(); // the same id again: one line, one return
        before.send(order("po_2", "6222020000000002")).await().indefinitely();
        before.send(order("po_3", "6222020000001234")).await().indefinitely();
        long fed = before.returnsAfter(0).await().indefinitely().get(0).position();

        var after = new SimulatedPayoutRail(
                Duration.ofMillis(1), Optional.of(journal)); // the process was SIGKILLed and started again
        assertThat(after.returnsAfter(0).await().indefinitely())
                .containsExactly(new PayoutRail.Returned(fed, "po_1", "account_frozen"));
        assertThat(after.query("po_1").await().indefinitely()).isInstanceOf(PayoutRail.Result.Paid.class);
        assertThat(after.query("po_2").await().indefinitely())
                .isEqualTo(new PayoutRail.Result.Rejected("account_closed"));
        assertThat(after.query("po_3").await().indefinitely()).isInstanceOf(PayoutRail.Result.Paid.class);
        assertThat(after.query("po_9").await().indefinitely()).isInstanceOf(PayoutRail.Result.NotFound.class);

        after.send(order("po_4", "6222020000000077")).await().indefinitely();
        var returns = after.returnsAfter(fed).await().indefinitely();
        assertThat(returns).extracting(PayoutRail.Returned::payoutId).containsExactly("po_4");
        assertThat(returns.get(0).position())
                .as("feed positions go on after a restart")
                .isGreaterThan(fed);
    }

    @Test
    void aLineTornByACrashInMidWriteIsAPayoutTheBankNeverAnswered() throws Exception {
        Path journal = dir.resolve("torn.journal");
        Files.writeString(journal, "po_1 0077 100\npo_2 00");
        var rail = new SimulatedPayoutRail(Duration.ofMillis(1), Optional.of(journal));
        assertThat(rail.query("po_1").await().indefinitely()).isInstanceOf(PayoutRail.Result.Paid.class);
        assertThat(rail.query("po_2").await().indefinitely()).isInstanceOf(PayoutRail.Result.NotFound.class);
        rail.send(order("po_3", "6222020000000077")).await().indefinitely();
        var again = new SimulatedPayoutRail(Duration.ofMillis(1), Optional.of(journal));
        assertThat(again.returnsAfter(0).await().indefinitely())
                .extracting(PayoutRail.Returned::payoutId)
                .containsExactly("po_1", "po_3");
    }
}

package io.payguard.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.payguard.kernel.Money;

/** The payout's steps: each applies only in its status, so a late or repeated answer changes nothing. */
class PayoutTest {

    static final Instant T = Instant.parse("2026-12-06T10:00:00Z");
    final Payout requested = Payout.request("po_1", "carol", "w-1", "ba_1", Money.of(5_000, "CNY"), T);

    @Test
    void paidPathHoldsSendsSettlesAndOnlyThenIsPaid() {
        var held = requested.held("h1", T).orElseThrow();
        var sent = held.sent(T).orElseThrow();
        var settling = sent.paidByBank("ref", T).orElseThrow();
        var paid = settling.debited("e1", T).orElseThrow();
        assertThat(paid.status()).isEqualTo(Payout.Status.PAID);
        assertThat(paid.holdId()).isEqualTo("h1");
        assertThat(paid.debitEntryId()).isEqualTo("e1");
        var returned = paid.returned("account_frozen", T).orElseThrow();
        assertThat(returned.creditedBack("e2", T).orElseThrow().returnEntryId()).isEqualTo("e2");
        assertThat(returned.creditedBack("e2", T).orElseThrow().creditedBack("e3", T))
                .as("credited back once")
                .isEmpty();
    }

    @Test
    void lateOrRepeatedAnswersChangeNothing() {
        assertThat(requested.sent(T))
                .as("nothing goes to the bank before the hold")
                .isEmpty();
        assertThat(requested.paidByBank("ref", T)).isEmpty();
        assertThat(requested.debited("e", T))
                .as("never debited before the bank paid")
                .isEmpty();
        var failed = requested.holdRefused("insufficient_funds", T).orElseThrow();
        assertThat(failed.held("h", T)).isEmpty();
        assertThat(failed.returned("x", T)).isEmpty();
        var sent = requested.held("h1", T).orElseThrow().sent(T).orElseThrow();
        assertThat(sent.sent(T))
                .as("sent again with the same id when the bank never saw it")
                .isPresent();
        var rejected = sent.rejectedByBank("account_closed", T).orElseThrow();
        assertThat(rejected.status()).isEqualTo(Payout.Status.FAILED);
        assertThat(rejected.paidByBank("ref", T)).isEmpty();
        assertThat(sent.returned("x", T))
                .as("a return before the payment is recorded is not applied")
                .isEmpty();
        assertThat(sent.unresolved(T).unresolved(T).recoveryAttempts()).isEqualTo(2);
    }
}

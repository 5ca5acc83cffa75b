package io.payguard.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Currency;

import org.junit.jupiter.api.Test;

import io.payguard.kernel.Money;

/** Authenticators' counters and revocation, dynamic linking of the device challenge, and attempts of any answer. */
class AuthenticatorTest {

    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    static final Money CNY_600 = new Money(60_000, Currency.getInstance("CNY"));

    static Authenticator fresh(long counter) {
        return Authenticator.registered("authn_1", "cust-1", "cred", "cose", counter, "aaguid", "Pixel 8", T0);
    }

    @Test
    void aCounterMustIncreaseUnlessTheAuthenticatorKeepsNone() {
        assertThat(fresh(0).used(0, T0)).isInstanceOf(Authenticator.Use.Accepted.class);
        var used = fresh(5).used(6, T0.plusSeconds(1));
        assertThat(used).isInstanceOf(Authenticator.Use.Accepted.class);
        assertThat(((Authenticator.Use.Accepted) used).authenticator().signCount())
                .isEqualTo(6);
        assertThat(((Authenticator.Use.Accepted) used).authenticator().lastUsedAt())
                .isEqualTo(T0.plusSeconds(1));
        assertThat(fresh(5).used(5, T0)).isEqualTo(new Authenticator.Use.CloneSuspected(5, 5));
        assertThat(fresh(5).used(0, T0)).isEqualTo(new Authenticator.Use.CloneSuspected(5, 0));
        assertThat(fresh(0).used(3, T0)).isInstanceOf(Authenticator.Use.Accepted.class);
    }

    @Test
    void aRevokedAuthenticatorIsNeverUsedAndRevokingTwiceKeepsTheFirstRevocation() {
        var revoked = fresh(0).revoke("ops-1", "lost device", T0);
        assertThat(revoked.active()).isFalse();
        assertThat(revoked.revokedBy()).isEqualTo("ops-1");
        assertThat(revoked.revoke("cust-1", "again", T0.plusSeconds(5))).isSameAs(revoked);
        assertThatThrownBy(() -> revoked.used(1, T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theDeviceChallengeCommitsToPaymentAmountCurrencyAndPayee() {
        byte[] nonce = new byte[32];
        byte[] challenge = DeviceLinking.challenge(nonce, "pi_1", CNY_600, "merchant-a");
        assertThat(challenge).hasSize(32).isEqualTo(DeviceLinking.challenge(nonce, "pi_1", CNY_600, "merchant-a"));
        assertThat(challenge)
                .isNotEqualTo(
                        DeviceLinking.challenge(nonce, "pi_1", new Money(60_001, CNY_600.currency()), "merchant-a"))
                .isNotEqualTo(DeviceLinking.challenge(
                        nonce, "pi_1", new Money(60_000, Currency.getInstance("HKD")), "merchant-a"))
                .isNotEqualTo(DeviceLinking.challenge(nonce, "pi_1", CNY_600, "merchant-b"))
                .isNotEqualTo(DeviceLinking.challenge(nonce, "pi_2", CNY_600, "merchant-a"))
                .isNotEqualTo(DeviceLinking.challenge(new byte[] {1}, "pi_1", CNY_600, "merchant-a"));
    }

    @Test
    void aWrongDeviceAnswerCountsAsAnAttemptLikeAWrongCode() {
        var challenge = new ScaChallenge("pi_1", "digest", 0, T0.plusSeconds(300), false, "scach_1", 0, T0);
        var wrong = challenge.answered(false, T0);
        assertThat(wrong).isInstanceOf(ScaChallenge.Outcome.Wrong.class);
        assertThat(((ScaChallenge.Outcome.Wrong) wrong).attemptsLeft()).isEqualTo(4);
        var passed = wrong.challenge().answered(true, T0);
        assertThat(passed).isInstanceOf(ScaChallenge.Outcome.Passed.class);
        assertThat(passed.challenge().answered(true, T0)).isInstanceOf(ScaChallenge.Outcome.Unusable.class);
        assertThat(challenge.answered(true, T0.plusSeconds(300))).isInstanceOf(ScaChallenge.Outcome.Unusable.class);
    }
}

package io.payguard.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.payguard.kernel.Money;
import io.payguard.payment.domain.risk.RiskContext;
import io.payguard.payment.domain.risk.RiskDecision.Outcome;
import io.payguard.payment.domain.risk.RiskPolicy;

class RiskAndScaTest {

    static final List<RiskPolicy> POLICIES = List.of(
            new RiskPolicy.PerTransactionLimit("txn_limit", 100_000),
            new RiskPolicy.DailyLimit("daily_limit", 200_000),
            new RiskPolicy.Velocity("velocity_customer", RiskPolicy.Subject.CUSTOMER, 5, Outcome.REVIEW),
            new RiskPolicy.Velocity("velocity_card", RiskPolicy.Subject.CARD_FINGERPRINT, 3, Outcome.DECLINE),
            new RiskPolicy.Velocity("velocity_ip", RiskPolicy.Subject.IP, 10, Outcome.REVIEW),
            new RiskPolicy.Blocklist("blocklist", Set.of("bad-customer"), Set.of("fp-stolen"), Set.of("400000")),
            new RiskPolicy.AmountAnomaly("amount_anomaly", 10, 3),
            new RiskPolicy.ScaThreshold("sca_threshold", 50_000));

    static RiskContext ctx(
            long amount,
            String customer,
            String fp,
            String bin,
            long today,
            int custRecent,
            int fpRecent,
            int ipRecent,
            long avg,
            int history) {
        return new RiskContext(
                "m",
                customer,
                Money.of(amount, "CNY"),
                fp,
                bin,
                "10.0.0.1",
                today,
                custRecent,
                fpRecent,
                ipRecent,
                avg,
                history,
                null,
                0);
    }

    static final List<RiskPolicy> MERCHANT_POLICIES = List.of(
            new RiskPolicy.MerchantInactive("merchant_inactive"),
            new RiskPolicy.MerchantPerTransactionLimit("merchant_per_transaction_limit"),
            new RiskPolicy.MerchantDailyLimit("merchant_daily_limit"));

    static RiskContext forMerchant(
            long amount, String currency, io.payguard.payment.domain.risk.MerchantTerms terms, long merchantToday) {
        return new RiskContext(
                "m", "c", Money.of(amount, currency), null, null, null, 0, 0, 0, 0, 0, 0, terms, merchantToday);
    }

    @Test
    void theMerchantsOwnLimitsApplyInItsSettlementCurrencyAndOnlyWhenTheDirectoryKnowsIt() {
        var cny = new io.payguard.payment.domain.risk.MerchantTerms(
                true, java.util.Currency.getInstance("CNY"), 10_000, 25_000);
        assertThat(RiskPolicy.evaluateAll(MERCHANT_POLICIES, forMerchant(10_000, "CNY", cny, 15_000))
                        .outcome())
                .isEqualTo(Outcome.ALLOW);
        assertThat(RiskPolicy.evaluateAll(MERCHANT_POLICIES, forMerchant(10_001, "CNY", cny, 0))
                        .ruleIds())
                .containsExactly("merchant_per_transaction_limit");
        assertThat(RiskPolicy.evaluateAll(MERCHANT_POLICIES, forMerchant(10_000, "CNY", cny, 15_001))
                        .ruleIds())
                .containsExactly("merchant_daily_limit");
        assertThat(RiskPolicy.evaluateAll(MERCHANT_POLICIES, forMerchant(10_001, "CNY", cny, 15_000))
                        .outcome())
                .isEqualTo(Outcome.DECLINE);
        // another currency than the settlement one: the merchant's limits (in CNY) say nothing about it; global limits
        // still apply
        assertThat(RiskPolicy.evaluateAll(MERCHANT_POLICIES, forMerchant(90_000, "USD", cny, 0))
                        .outcome())
                .isEqualTo(Outcome.ALLOW);
        // not in the directory (a client never onboarded as a merchant): nothing merchant-specific
        assertThat(RiskPolicy.evaluateAll(MERCHANT_POLICIES, forMerchant(90_000, "CNY", null, 0))
                        .outcome())
                .isEqualTo(Outcome.ALLOW);
        var suspended = new io.payguard.payment.domain.risk.MerchantTerms(
                false, java.util.Currency.getInstance("CNY"), 10_000, 25_000);
        assertThat(RiskPolicy.evaluateAll(MERCHANT_POLICIES, forMerchant(1, "USD", suspended, 0))
                        .ruleIds())
                .containsExactly("merchant_inactive");
    }

    @Test
    void eachRuleFiresOnItsOwnAndTheMostSevereOutcomeWins() {
        assertThat(RiskPolicy.evaluateAll(POLICIES, ctx(1000, "c", null, null, 0, 0, 0, 0, 0, 0))
                        .outcome())
                .isEqualTo(Outcome.ALLOW);
        assertThat(RiskPolicy.evaluateAll(POLICIES, ctx(60_000, "c", null, null, 0, 0, 0, 0, 0, 0))
                        .ruleIds())
                .containsExactly("sca_threshold");
        assertThat(RiskPolicy.evaluateAll(POLICIES, ctx(100_001, "c", null, null, 0, 0, 0, 0, 0, 0))
                        .outcome())
                .isEqualTo(Outcome.DECLINE);
        assertThat(RiskPolicy.evaluateAll(POLICIES, ctx(1000, "c", null, null, 199_500, 0, 0, 0, 0, 0))
                        .ruleIds())
                .containsExactly("daily_limit");
        assertThat(RiskPolicy.evaluateAll(POLICIES, ctx(1000, "c", null, null, 0, 5, 0, 0, 0, 0))
                        .outcome())
                .isEqualTo(Outcome.REVIEW);
        assertThat(RiskPolicy.evaluateAll(POLICIES, ctx(1000, "c", "fp", null, 0, 0, 3, 0, 0, 0))
                        .ruleIds())
                .containsExactly("velocity_card");
        assertThat(RiskPolicy.evaluateAll(POLICIES, ctx(1000, "c", null, null, 0, 0, 0, 10, 0, 0))
                        .ruleIds())
                .containsExactly("velocity_ip");
        assertThat(RiskPolicy.evaluateAll(POLICIES, ctx(1000, "bad-customer", null, null, 0, 0, 0, 0, 0, 0))
                        .ruleIds())
                .containsExactly("blocklist");
        assertThat(RiskPolicy.evaluateAll(POLICIES, ctx(1000, "c", "fp-stolen", null, 0, 0, 0, 0, 0, 0))
                        .outcome())
                .isEqualTo(Outcome.DECLINE);
        assertThat(RiskPolicy.evaluateAll(POLICIES, ctx(1000, "c", null, "400000", 0, 0, 0, 0, 0, 0))
                        .outcome())
                .isEqualTo(Outcome.DECLINE);
        assertThat(RiskPolicy.evaluateAll(POLICIES, ctx(20_000, "c", null, null, 0, 0, 0, 0, 1000, 3))
                        .ruleIds())
                .containsExactly("amount_anomaly");
        assertThat(RiskPolicy.evaluateAll(POLICIES, ctx(20_000, "c", null, null, 0, 0, 0, 0, 1000, 2))
                        .outcome())
                .as("too little history")
                .isEqualTo(Outcome.ALLOW);
        var many = RiskPolicy.evaluateAll(POLICIES, ctx(60_000, "bad-customer", null, null, 0, 0, 0, 0, 0, 0));
        assertThat(many.outcome()).isEqualTo(Outcome.DECLINE);
        assertThat(many.ruleIds()).containsExactly("blocklist", "sca_threshold");
    }

    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void challengeAllowsFiveAttemptsExpiresAndIsUsedOnce() {
        var c = new ScaChallenge("pi_1", "right", 0, T0.plusSeconds(300), false);
        for (int i = 1; i <= 5; i++) {
            var wrong = (ScaChallenge.Outcome.Wrong) c.verify("wrong", T0);
            assertThat(wrong.attemptsLeft()).isEqualTo(5 - i);
            c = wrong.challenge();
        }
        assertThat(c.verify("right", T0))
                .isInstanceOfSatisfying(
                        ScaChallenge.Outcome.Unusable.class,
                        u -> assertThat(u.reason()).isEqualTo("too_many_attempts"));
        var fresh = new ScaChallenge("pi_1", "right", 0, T0.plusSeconds(300), false);
        assertThat(fresh.verify("right", T0.plusSeconds(300)))
                .isInstanceOfSatisfying(
                        ScaChallenge.Outcome.Unusable.class,
                        u -> assertThat(u.reason()).isEqualTo("expired"));
        var passed = (ScaChallenge.Outcome.Passed) fresh.verify("right", T0);
        assertThat(passed.challenge().verify("right", T0))
                .isInstanceOfSatisfying(
                        ScaChallenge.Outcome.Unusable.class,
                        u -> assertThat(u.reason()).isEqualTo("used"));
    }

    @Test
    void aNewCodeIsLimitedInNumberAndPaceReplacesTheOldCodeAndKeepsTheAttempts() {
        var interval = java.time.Duration.ofSeconds(30);
        var c = new ScaChallenge("pi_1", "first", 0, T0.plusSeconds(300), false, "scach_1", 0, T0);
        var wrong = (ScaChallenge.Outcome.Wrong) c.verify("nope", T0.plusSeconds(1));
        c = wrong.challenge();
        assertThat(c.resend("scach_2", "second", T0.plusSeconds(310), T0.plusSeconds(10), 3, interval))
                .isInstanceOfSatisfying(ScaChallenge.Resend.Refused.class, r -> {
                    assertThat(r.reason()).isEqualTo("too_soon");
                    assertThat(r.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(20));
                });
        Instant at = T0;
        for (int i = 1; i <= 3; i++) {
            at = at.plus(interval);
            var resent = (ScaChallenge.Resend.Resent)
                    c.resend("scach_" + (i + 1), "code" + i, at.plusSeconds(300), at, 3, interval);
            c = resent.challenge();
            assertThat(c.id()).isEqualTo("scach_" + (i + 1));
            assertThat(c.resends()).isEqualTo(i);
            assertThat(c.sentAt()).isEqualTo(at);
            assertThat(c.attempts()).as("asking for codes buys no guesses").isEqualTo(1);
        }
        assertThat(c.resend("scach_9", "code9", at.plusSeconds(999), at.plusSeconds(999), 3, interval))
                .isInstanceOfSatisfying(
                        ScaChallenge.Resend.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo("resend_limit"));
        assertThat(c.verify("first", at)).as("the old code is gone").isInstanceOf(ScaChallenge.Outcome.Wrong.class);
        assertThat(c.verify("code3", at)).isInstanceOf(ScaChallenge.Outcome.Passed.class);
    }

    @Test
    void theLinkingTextCoversAmountCurrencyAndPayee() {
        var base = ScaChallenge.linking("123456", Money.of(100, "EUR"), "merchant-a");
        assertThat(ScaChallenge.linking("123456", Money.of(101, "EUR"), "merchant-a"))
                .isNotEqualTo(base);
        assertThat(ScaChallenge.linking("123456", Money.of(100, "USD"), "merchant-a"))
                .isNotEqualTo(base);
        assertThat(ScaChallenge.linking("123456", Money.of(100, "EUR"), "merchant-b"))
                .isNotEqualTo(base);
    }
}

package io.payguard.payment.domain.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.payguard.payment.domain.risk.RiskDecision.Finding;
import io.payguard.payment.domain.risk.RiskDecision.Outcome;

/** A risk rule with a stable id: a pure function of the context to a finding, or none. */
public sealed interface RiskPolicy {

    String id();

    Optional<Finding> evaluate(RiskContext c);

    /** Runs every policy; the decision keeps all findings. */
    static RiskDecision evaluateAll(List<RiskPolicy> policies, RiskContext c) {
        var findings = new ArrayList<Finding>();
        for (var p : policies) {
            p.evaluate(c).ifPresent(findings::add);
        }
        return RiskDecision.of(findings);
    }

    record PerTransactionLimit(String id, long maxMinor) implements RiskPolicy {
        public Optional<Finding> evaluate(RiskContext c) {
            return c.amount().minor() > maxMinor
                    ? Optional.of(new Finding(id, Outcome.DECLINE, "amount above the per-transaction limit"))
                    : Optional.empty();
        }
    }

    record DailyLimit(String id, long maxMinor) implements RiskPolicy {
        public Optional<Finding> evaluate(RiskContext c) {
            return c.customerAmountToday() + c.amount().minor() > maxMinor
                    ? Optional.of(new Finding(id, Outcome.DECLINE, "customer's daily amount above the limit"))
                    : Optional.empty();
        }
    }

    /** The payee is suspended in the merchant directory. */
    record MerchantInactive(String id) implements RiskPolicy {
        public Optional<Finding> evaluate(RiskContext c) {
            return c.merchant() != null && !c.merchant().active()
                    ? Optional.of(new Finding(id, Outcome.DECLINE, "merchant suspended"))
                    : Optional.empty();
        }
    }

    /** The merchant's own per-transaction limit from onboarding (payments in its settlement currency). */
    record MerchantPerTransactionLimit(String id) implements RiskPolicy {
        public Optional<Finding> evaluate(RiskContext c) {
            return c.merchantLimitsApply() && c.amount().minor() > c.merchant().perTransactionLimitMinor()
                    ? Optional.of(new Finding(id, Outcome.DECLINE, "amount above the merchant's per-transaction limit"))
                    : Optional.empty();
        }
    }

    /** The merchant's own daily limit from onboarding: its total of the UTC day, this payment included. */
    record MerchantDailyLimit(String id) implements RiskPolicy {
        public Optional<Finding> evaluate(RiskContext c) {
            return c.merchantLimitsApply()
                            && c.merchantAmountToday() + c.amount().minor()
                                    > c.merchant().dailyLimitMinor()
                    ? Optional.of(new Finding(id, Outcome.DECLINE, "merchant's daily amount above its limit"))
                    : Optional.empty();
        }
    }

    /** What a velocity rule counts. */
    enum Subject {
        CUSTOMER,
        CARD_FINGERPRINT,
        IP
    }

    record Velocity(String id, Subject subject, int maxInWindow, Outcome outcome) implements RiskPolicy {
        public Optional<Finding> evaluate(RiskContext c) {
            int seen = switch (subject) {
                case CUSTOMER -> c.customerId() == null ? 0 : c.customerRecent();
                case CARD_FINGERPRINT -> c.cardFingerprint() == null ? 0 : c.fingerprintRecent();
                case IP -> c.ip() == null ? 0 : c.ipRecent();
            };
            return seen >= maxInWindow
                    ? Optional.of(new Finding(
                            id,
                            outcome,
                            "too many payments per " + subject.name().toLowerCase(java.util.Locale.ROOT)))
                    : Optional.empty();
        }
    }

    record Blocklist(String id, Set<String> customers, Set<String> fingerprints, Set<String> bins)
            implements RiskPolicy {
        public Blocklist {
            customers = Set.copyOf(customers);
            fingerprints = Set.copyOf(fingerprints);
            bins = Set.copyOf(bins);
        }

        public Optional<Finding> evaluate(RiskContext c) {
            if (c.customerId() != null && customers.contains(c.customerId())) {
                return Optional.of(new Finding(id, Outcome.DECLINE, "customer blocklisted"));
            }
            if (c.cardFingerprint() != null && fingerprints.contains(c.cardFingerprint())) {
                return Optional.of(new Finding(id, Outcome.DECLINE, "card blocklisted"));
            }
            if (c.bin() != null && bins.contains(c.bin())) {
                return Optional.of(new Finding(id, Outcome.DECLINE, "BIN blocklisted"));
            }
            return Optional.empty();
        }
    }

    /** An amount far above the customer's usual (only once there is enough history to know what usual is). */
    record AmountAnomaly(String id, int factor, int minHistory) implements RiskPolicy {
        public Optional<Finding> evaluate(RiskContext c) {
            return c.customerHistory() >= minHistory && c.amount().minor() > (long) factor * c.customerAverage()
                    ? Optional.of(new Finding(id, Outcome.REVIEW, "amount far above the customer's usual"))
                    : Optional.empty();
        }
    }

    /** Strong customer authentication above an amount (PSD2-style threshold). */
    record ScaThreshold(String id, long aboveMinor) implements RiskPolicy {
        public Optional<Finding> evaluate(RiskContext c) {
            return c.amount().minor() > aboveMinor
                    ? Optional.of(new Finding(id, Outcome.REQUIRE_SCA, "amount above the SCA threshold"))
                    : Optional.empty();
        }
    }

    /** Manual review above an amount: the payment is authorised, held and waits for an operator (nothing captured). */
    record ReviewThreshold(String id, long aboveMinor) implements RiskPolicy {
        public Optional<Finding> evaluate(RiskContext c) {
            return c.amount().minor() > aboveMinor
                    ? Optional.of(new Finding(id, Outcome.REVIEW, "amount above the review threshold"))
                    : Optional.empty();
        }
    }
}

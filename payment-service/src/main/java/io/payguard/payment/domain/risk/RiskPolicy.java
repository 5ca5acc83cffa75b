package io.payguard.payment.domain.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.payguard.payment.domain.PaymentChannel;
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

    // ---------------------------------------------------------------- PBoC barcode-payment limits (条码支付业务规范, 2017)
    // Per customer and UTC day, in one currency (CNY), on top of every other limit. A payment's day total is the
    // customer's barcode payments of the day (static, or dynamic: dynamic QR codes and payment codes) plus this one.
    // The customer is present when they scan a merchant's QR code (they can authenticate more strongly: SCA), absent
    // when the merchant scans their payment code (the level the code was created with is all there is).

    /** Static QR codes: at most {@code maxMinor} a day, whatever the authentication. */
    record BarcodeStaticDailyLimit(String id, String currency, long maxMinor) implements RiskPolicy {
        public Optional<Finding> evaluate(RiskContext c) {
            return c.channel() == PaymentChannel.QR_STATIC
                            && inCurrency(c, currency)
                            && c.barcodeStaticToday() + c.amount().minor() > maxMinor
                    ? Optional.of(new Finding(id, Outcome.DECLINE, "static barcode payments above the daily limit"))
                    : Optional.empty();
        }
    }

    /**
     * Dynamic codes above the level-C limit (up to level A's): a customer at level C who is present authenticates more
     * strongly (SCA; up to the level-B limit, beyond it {@link BarcodeDynamicLevelB} asks for more), one who is absent
     * (payment code) is declined.
     */
    record BarcodeDynamicLevelC(String id, String currency, long levelCMax, long levelBMax, long levelAMax)
            implements RiskPolicy {
        public Optional<Finding> evaluate(RiskContext c) {
            long total = dynamicTotal(c);
            if (!dynamic(c, currency)
                    || c.level() != AuthenticationLevel.C
                    || total <= levelCMax
                    || total > levelAMax) {
                return Optional.empty();
            }
            if (!customerPresent(c)) {
                return Optional.of(
                        new Finding(id, Outcome.DECLINE, "dynamic barcode payments above the level-C limit"));
            }
            return total <= levelBMax
                    ? Optional.of(
                            new Finding(id, Outcome.REQUIRE_SCA, "dynamic barcode payments above the level-C limit"))
                    : Optional.empty();
        }
    }

    /**
     * Dynamic codes above the level-B limit (up to level A's): only level A passes. A present customer below level A
     * must confirm with a device-bound key (SCA naming this rule); an absent customer at level B is declined (at level
     * C {@link BarcodeDynamicLevelC} declines already).
     */
    record BarcodeDynamicLevelB(String id, String currency, long levelBMax, long levelAMax) implements RiskPolicy {
        public Optional<Finding> evaluate(RiskContext c) {
            long total = dynamicTotal(c);
            if (!dynamic(c, currency)
                    || c.level() == AuthenticationLevel.A
                    || total <= levelBMax
                    || total > levelAMax) {
                return Optional.empty();
            }
            if (customerPresent(c)) {
                return Optional.of(new Finding(
                        id,
                        Outcome.REQUIRE_SCA,
                        "dynamic barcode payments above the level-B limit: device confirmation"));
            }
            return c.level() == AuthenticationLevel.B
                    ? Optional.of(new Finding(id, Outcome.DECLINE, "dynamic barcode payments above the level-B limit"))
                    : Optional.empty();
        }
    }

    /** Dynamic codes above the level-A limit (agreed with the customer): declined, whatever the authentication. */
    record BarcodeDynamicLevelA(String id, String currency, long levelAMax) implements RiskPolicy {
        public Optional<Finding> evaluate(RiskContext c) {
            return dynamic(c, currency) && dynamicTotal(c) > levelAMax
                    ? Optional.of(new Finding(id, Outcome.DECLINE, "dynamic barcode payments above the level-A limit"))
                    : Optional.empty();
        }
    }

    private static boolean inCurrency(RiskContext c, String currency) {
        return currency.equals(c.amount().currencyCode());
    }

    /** A dynamic barcode payment (dynamic QR code or payment code) in the limits' currency. */
    private static boolean dynamic(RiskContext c, String currency) {
        return (c.channel() == PaymentChannel.QR_DYNAMIC || c.channel() == PaymentChannel.PAYMENT_CODE)
                && inCurrency(c, currency);
    }

    private static long dynamicTotal(RiskContext c) {
        return c.barcodeDynamicToday() + c.amount().minor();
    }

    /** The customer scans the merchant's code (present); the merchant scanning the customer's payment code is not. */
    private static boolean customerPresent(RiskContext c) {
        return c.channel() != PaymentChannel.PAYMENT_CODE;
    }
}

package io.payguard.payment.application;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.failure.ApplicationException;
import io.payguard.payment.application.port.PaymentEvents;
import io.payguard.payment.application.port.RiskStore;
import io.payguard.payment.application.port.ScaNotifier;
import io.payguard.payment.config.RiskConfig;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.ScaChallenge;
import io.payguard.payment.domain.risk.AuthenticationLevel;
import io.payguard.payment.domain.risk.MerchantTerms;
import io.payguard.payment.domain.risk.RiskContext;
import io.payguard.payment.domain.risk.RiskDecision;
import io.payguard.payment.domain.risk.RiskPolicy;
import io.payguard.platform.protection.envelope.BlindIndex;
import io.payguard.platform.protection.quarkus.KmsCalls;
import io.payguard.platform.web.merchant.MerchantDirectory;
import io.smallrye.mutiny.Uni;

/**
 * Runs the configured risk policies before authorisation, records the assessment (velocity counts come from these
 * records) and publishes the decision with its rule ids on {@code payment.events}; issues and checks SCA challenges.
 * Everything runs in the confirm's transaction.
 */
@ApplicationScoped
public class RiskService {

    private final RiskStore store;
    private final PaymentEvents facts;
    private final BlindIndex blindIndex;
    private final KmsCalls kmsCalls;
    private final ScaNotifier notifier;
    private final Clock clock;
    private final List<RiskPolicy> policies;
    private final int countCap;
    private final RiskConfig config;
    private final MerchantDirectory merchants;
    private final SecureRandom random = new SecureRandom();

    /** Where codes go: the calling customer's own verified contacts (issue 17). */
    @jakarta.inject.Inject
    io.payguard.payment.application.port.CustomerContacts contacts;

    public RiskService(
            RiskStore store,
            PaymentEvents facts,
            BlindIndex blindIndex,
            KmsCalls kmsCalls,
            ScaNotifier notifier,
            Clock clock,
            RiskConfig config,
            MerchantDirectory merchants) {
        this.merchants = merchants;
        this.store = store;
        this.facts = facts;
        this.blindIndex = blindIndex;
        this.kmsCalls = kmsCalls;
        this.notifier = notifier;
        this.clock = clock;
        this.config = config;
        var list = new ArrayList<RiskPolicy>();
        list.add(new RiskPolicy.Blocklist(
                "blocklist",
                new HashSet<>(config.blocklist().customers().orElse(List.of())),
                new HashSet<>(config.blocklist().cardFingerprints().orElse(List.of())),
                new HashSet<>(config.blocklist().bins().orElse(List.of()))));
        list.add(new RiskPolicy.PerTransactionLimit("per_transaction_limit", config.perTransactionMax()));
        list.add(new RiskPolicy.DailyLimit("daily_limit", config.dailyMax()));
        list.add(new RiskPolicy.MerchantInactive("merchant_inactive"));
        list.add(new RiskPolicy.MerchantPerTransactionLimit("merchant_per_transaction_limit"));
        list.add(new RiskPolicy.MerchantDailyLimit("merchant_daily_limit"));
        list.add(new RiskPolicy.Velocity(
                "velocity_customer",
                RiskPolicy.Subject.CUSTOMER,
                config.velocity().customerMax(),
                RiskDecision.Outcome.REVIEW));
        list.add(new RiskPolicy.Velocity(
                "velocity_card",
                RiskPolicy.Subject.CARD_FINGERPRINT,
                config.velocity().cardMax(),
                RiskDecision.Outcome.DECLINE));
        list.add(new RiskPolicy.Velocity(
                "velocity_ip", RiskPolicy.Subject.IP, config.velocity().ipMax(), RiskDecision.Outcome.REVIEW));
        list.add(new RiskPolicy.AmountAnomaly(
                "amount_anomaly", config.anomaly().factor(), config.anomaly().minHistory()));
        config.review().above().ifPresent(above -> list.add(new RiskPolicy.ReviewThreshold("review_threshold", above)));
        list.add(new RiskPolicy.ScaThreshold("sca_threshold", config.sca().threshold()));
        list.addAll(barcodePolicies(config.barcode()));
        this.policies = List.copyOf(list);
        // a velocity rule fires when its count reaches its limit: counting further changes no decision
        this.countCap = Math.max(
                config.velocity().customerMax(),
                Math.max(config.velocity().cardMax(), config.velocity().ipMax()));
    }

    /** The PBoC barcode-payment limits, rule ids as published (README, "Barcode-payment limits"). */
    static List<RiskPolicy> barcodePolicies(RiskConfig.Barcode b) {
        if (b.staticDailyMax() < 0
                || b.levelCDailyMax() < 0
                || b.levelCDailyMax() > b.levelBDailyMax()
                || b.levelBDailyMax() > b.levelADailyMax()) {
            throw new IllegalStateException(
                    "payguard.risk.barcode: the limits must be positive and level C <= level B" + " <= level A ("
                            + b.levelCDailyMax() + ", " + b.levelBDailyMax() + ", " + b.levelADailyMax() + ")");
        }
        return List.of(
                new RiskPolicy.BarcodeStaticDailyLimit("barcode_static_daily_limit", b.currency(), b.staticDailyMax()),
                new RiskPolicy.BarcodeDynamicLevelC(
                        "barcode_dynamic_level_c",
                        b.currency(),
                        b.levelCDailyMax(),
                        b.levelBDailyMax(),
                        b.levelADailyMax()),
                new RiskPolicy.BarcodeDynamicLevelB(
                        "barcode_dynamic_level_b", b.currency(), b.levelBDailyMax(), b.levelADailyMax()),
                new RiskPolicy.BarcodeDynamicLevelA("barcode_dynamic_level_a", b.currency(), b.levelADailyMax()));
    }

    /** Assesses a confirm by a customer authenticated at level C (the default: nothing stronger is known). */
    public Uni<RiskDecision> assess(PaymentIntent p, String fingerprint, String bin, String ip) {
        return assess(p, fingerprint, bin, ip, AuthenticationLevel.C);
    }

    /** {@code level}: how strongly the paying customer is authenticated now (the barcode limits depend on it). */
    public Uni<RiskDecision> assess(
            PaymentIntent p, String fingerprint, String bin, String ip, AuthenticationLevel level) {
        var now = clock.instant();
        var dayStart = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
        return merchantTerms(p.merchantId())
                .flatMap(terms -> store.history(new RiskStore.HistoryQuery(
                                p.customerId(),
                                fingerprint,
                                ip,
                                dayStart,
                                now.minus(config.velocity().window()),
                                countCap,
                                config.anomaly().recentPayments()))
                        .flatMap(h -> merchantToday(p, terms, dayStart)
                                .flatMap(merchantToday -> barcodeToday(p, dayStart)
                                        .map(barcode -> new RiskContext(
                                                p.merchantId(),
                                                p.customerId(),
                                                p.amount(),
                                                fingerprint,
                                                bin,
                                                ip,
                                                h[0],
                                                (int) h[1],
                                                (int) h[2],
                                                (int) h[3],
                                                h[4],
                                                (int) h[5],
                                                terms,
                                                merchantToday,
                                                p.channel(),
                                                barcode.staticMinor(),
                                                barcode.dynamicMinor(),
                                                level)))))
                .flatMap(ctx -> {
                    var decision = RiskPolicy.evaluateAll(policies, ctx);
                    return store.record(new RiskStore.Assessment(
                                    p.id(),
                                    p.merchantId(),
                                    p.customerId(),
                                    fingerprint,
                                    ip,
                                    p.amount().minor(),
                                    decision.outcome().id(),
                                    String.join(",", decision.ruleIds()),
                                    now))
                            .chain(() -> facts.riskDecision(p, decision))
                            .replaceWith(decision);
                });
    }

    private Uni<Long> merchantToday(PaymentIntent p, MerchantTerms terms, java.time.Instant dayStart) {
        return terms != null
                        && terms.currency().getCurrencyCode().equals(p.amount().currencyCode())
                ? store.merchantToday(p.merchantId(), p.amount().currencyCode(), dayStart)
                : Uni.createFrom().item(0L);
    }

    /** Only a barcode payment of a known customer in the limits' currency reads (and locks) the barcode totals. */
    private Uni<RiskStore.BarcodeToday> barcodeToday(PaymentIntent p, java.time.Instant dayStart) {
        String currency = config.barcode().currency();
        return p.channel().barcode()
                        && p.customerId() != null
                        && currency.equals(p.amount().currencyCode())
                ? store.barcodeToday(p.customerId(), currency, dayStart, p.id())
                : Uni.createFrom().item(RiskStore.BarcodeToday.NONE);
    }

    /**
     * The payee's terms from the merchant directory, or null when the directory does not know the caller (a client that
     * was never onboarded as a merchant): then only the global limits apply. While this instance's directory is still
     * reading its topic (a fresh start; not ready), the confirm is answered 503 rather than assessed without the terms.
     */
    private Uni<MerchantTerms> merchantTerms(String merchantId) {
        return merchants
                .lookup(merchantId)
                .map(found -> found.map(m -> new MerchantTerms(
                                m.active(), m.currency(), m.perTransactionLimitMinor(), m.dailyLimitMinor()))
                        .orElse(null))
                .onFailure(MerchantDirectory.NotCaughtUp.class)
                .transform(e -> ApplicationException.unavailable(
                        "merchant_directory_loading",
                        "Merchant directory loading",
                        "This instance is still reading the merchant directory; retry shortly",
                        null));
    }

    /**
     * Issues a fresh one-time code bound to the payment's amount and payee, replacing any earlier one; returns the
     * new challenge's id. For a card payment this is the simulated issuer ACS's 3-D Secure challenge: the same code,
     * sent through the same {@link ScaNotifier}.
     */
    public Uni<String> challenge(PaymentIntent p) {
        String code = newCode();
        var now = clock.instant();
        return digest(p, code).flatMap(digest -> {
            var challenge = new ScaChallenge(
                    p.id(), digest, 0, now.plus(config.sca().codeTtl()), false, newChallengeId(), 0, now);
            return store.saveChallenge(challenge)
                    .invoke(() -> notifier.send(contacts.of(p.customerId()), p.id(), code, p.amount(), p.merchantId()))
                    .replaceWith(challenge.id());
        });
    }

    /**
     * Sends a new code for the outstanding challenge if the resend rules allow it (at most
     * {@code payguard.risk.sca.max-resends}, {@code payguard.risk.sca.resend-interval} apart); the previous code
     * stops verifying at once.
     */
    public Uni<ScaChallenge.Resend> resend(PaymentIntent p) {
        String code = newCode();
        return store.challenge(p.id())
                .flatMap(found -> digest(p, code).flatMap(digest -> {
                    var current = found.orElseThrow(
                            () -> ApplicationException.stateConflict("no_challenge", "No challenge", null));
                    var now = clock.instant();
                    var outcome = current.resend(
                            newChallengeId(),
                            digest,
                            now.plus(config.sca().codeTtl()),
                            now,
                            config.sca().maxResends(),
                            config.sca().resendInterval());
                    if (outcome instanceof ScaChallenge.Resend.Resent r) {
                        return store.saveChallenge(r.challenge())
                                .invoke(() -> notifier.send(
                                        contacts.of(p.customerId()), p.id(), code, p.amount(), p.merchantId()))
                                .replaceWith(outcome);
                    }
                    return Uni.createFrom().item(outcome);
                }));
    }

    private String newCode() {
        return "%06d".formatted(random.nextInt(1_000_000));
    }

    private static String newChallengeId() {
        return "scach_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Checks a submitted code against the payment as it is now (amount and payee); stores the attempt. */
    public Uni<ScaChallenge.Outcome> verify(PaymentIntent p, String code) {
        return store.challenge(p.id()).flatMap(found -> {
            var challenge =
                    found.orElseThrow(() -> ApplicationException.stateConflict("no_challenge", "No challenge", null));
            return digest(p, code).flatMap(digest -> {
                var outcome = challenge.verify(digest, clock.instant());
                return store.saveChallenge(outcome.challenge()).replaceWith(outcome);
            });
        });
    }

    /**
     * Records an answer to the outstanding challenge that is not a code (a device-bound WebAuthn assertion, checked by
     * {@link DeviceConfirmation}): counted like a code, a wrong one uses an attempt.
     */
    public Uni<ScaChallenge.Outcome> answered(PaymentIntent p, boolean correct) {
        return store.challenge(p.id()).flatMap(found -> {
            var challenge =
                    found.orElseThrow(() -> ApplicationException.stateConflict("no_challenge", "No challenge", null));
            var outcome = challenge.answered(correct, clock.instant());
            return store.saveChallenge(outcome.challenge()).replaceWith(outcome);
        });
    }

    /** The code's keyed digest (a KMS MAC: with kms=vault a Vault call, so through {@link KmsCalls}). */
    private Uni<String> digest(PaymentIntent p, String code) {
        return kmsCalls.call(
                () -> blindIndex.of("sca_challenge", p.id(), ScaChallenge.linking(code, p.amount(), p.merchantId())));
    }
}

package io.payguard.payment.application;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.payguard.kernel.Money;
import io.payguard.kernel.failure.ApplicationException;
import io.payguard.payment.application.port.PaymentCodeEvents;
import io.payguard.payment.application.port.PaymentCodeStore;
import io.payguard.payment.application.port.PaymentStore;
import io.payguard.payment.config.PaymentCodeConfig;
import io.payguard.payment.domain.CaptureMethod;
import io.payguard.payment.domain.MethodType;
import io.payguard.payment.domain.PaymentChannel;
import io.payguard.payment.domain.PaymentCode;
import io.payguard.payment.domain.PaymentCodeNumber;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.risk.AuthenticationLevel;
import io.payguard.platform.messaging.PeriodicTask;
import io.payguard.platform.protection.envelope.BlindIndex;
import io.payguard.platform.protection.quarkus.KmsCalls;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Customer-presented payment codes (show to pay). The customer's app asks for a code bound to the customer, the device
 * key of its DPoP-bound token and a funding source; the merchant's POS scans it and charges it. A code has 18 digits
 * (configured prefix, random digits from {@link SecureRandom}, Luhn check digit), is valid at most 60 s, pays once, and
 * is stored only as a keyed hash ({@link BlindIndex}). The charge claims the code and creates the wallet payment intent
 * (channel {@code payment_code}, the code's customer) in one transaction, then confirms it as that customer, at the
 * authentication level the code was created with, through {@link PaymentService#confirm} (risk rules with the barcode
 * limits, SCA, the wallet saga). Charges of unknown codes are counted per merchant; past the limit the merchant is
 * answered 429 until the window ends (codes cannot be enumerated).
 */
@ApplicationScoped
public class PaymentCodeService {

    private static final Logger LOG = Logger.getLogger(PaymentCodeService.class);
    static final Duration MAX_VALIDITY = Duration.ofSeconds(60);

    /** A new code and its digits: shown to the customer once, never stored. */
    public record Issued(PaymentCode code, String number) {
        @Override
        public String toString() {
            return "Issued[" + code.id() + ", " + code.maskedTail() + "]";
        }
    }

    /** A merchant's charge of a scanned code. */
    public record Charge(String number, Money amount, String description) {
        @Override
        public String toString() {
            return "Charge[" + amount + "]";
        }
    }

    private final PaymentCodeStore codes;
    private final PaymentCodeEvents events;
    private final PaymentStore intents;
    private final PaymentOutbox outbox;
    private final PaymentService payments;
    private final PaymentCodeDisplay display;
    private final BlindIndex blindIndex;
    private final KmsCalls kmsCalls;
    private final Clock clock;
    private final PaymentCodeConfig config;
    private final Duration validity;
    private final SecureRandom random = new SecureRandom();
    private final PeriodicTask expiry = new PeriodicTask("payment code expiry", this::expireDue);

    public PaymentCodeService(
            PaymentCodeStore codes,
            PaymentCodeEvents events,
            PaymentStore intents,
            PaymentOutbox outbox,
            PaymentService payments,
            PaymentCodeDisplay display,
            BlindIndex blindIndex,
            KmsCalls kmsCalls,
            Clock clock,
            PaymentCodeConfig config) {
        this.codes = codes;
        this.events = events;
        this.intents = intents;
        this.outbox = outbox;
        this.payments = payments;
        this.display = display;
        this.blindIndex = blindIndex;
        this.kmsCalls = kmsCalls;
        this.clock = clock;
        this.config = config;
        PaymentCodeNumber.randomDigits(config.prefix()); // a malformed prefix stops the service at start
        if (config.validity().compareTo(MAX_VALIDITY) > 0 || config.validity().isNegative()) {
            LOG.warnf("payguard.payment-code.validity %s is capped at %s", config.validity(), MAX_VALIDITY);
        }
        this.validity = config.validity().compareTo(MAX_VALIDITY) > 0
                        || config.validity().isNegative()
                ? MAX_VALIDITY
                : config.validity();
    }

    void start(@Observes StartupEvent ignored, Vertx vertx) {
        expiry.start(vertx, config.expiryInterval());
    }

    void stop(@Observes ShutdownEvent ignored, Vertx vertx) {
        expiry.stop(vertx);
    }

    /** A new code for {@code customer}, bound to the device key {@code keyThumbprint} and {@code funding}. */
    public Uni<Issued> create(
            String customer, String keyThumbprint, PaymentCode.Funding funding, InTransaction<Issued> tx) {
        String number = newNumber();
        var code = PaymentCode.issue(
                "pc_" + UUID.randomUUID().toString().replace("-", ""),
                customer,
                keyThumbprint,
                funding,
                AuthenticationLevel.C,
                number,
                clock.instant(),
                validity);
        var issued = new Issued(code, number);
        return digest(number)
                .flatMap(digest -> Panache.withTransaction(() -> tx.begin()
                        .chain(() -> codes.insert(code, digest))
                        .invoke(inserted -> {
                            if (!inserted) {
                                throw ApplicationException.unavailable(
                                        "payment_code_collision",
                                        "Try again",
                                        "a new payment code could not be issued; retry",
                                        Duration.ofSeconds(1));
                            }
                        })
                        .chain(() -> events.created(code))
                        .chain(() -> tx.end(issued))))
                .invoke(() -> display.remember(code.id(), number, code.expiresAt()))
                .replaceWith(issued);
    }

    /**
     * The digits of the caller's own active code, to draw it: only for the customer and the device key that created it
     * (anyone else: 404), and only while it can be charged.
     */
    public Uni<String> digits(String customer, String keyThumbprint, String id) {
        return Panache.withSession(() -> codes.find(id)).map(found -> {
            var code = found.filter(c ->
                            c.customerId().equals(customer) && c.keyThumbprint().equals(keyThumbprint))
                    .orElseThrow(PaymentCodeService::notFound);
            code.refusal(clock.instant()).ifPresent(r -> {
                throw refusal(r);
            });
            return display.digits(id)
                    .orElseThrow(() -> ApplicationException.refused(
                            "payment_code_image_unavailable",
                            "Payment code image unavailable",
                            "draw the code from the digits answered when it was created"));
        });
    }

    /**
     * Charges a scanned code for {@code merchantId}: claims it and creates the payment intent in one transaction (with
     * the idempotency claim and a provisional answer), then confirms the intent as the code's customer.
     */
    public Uni<PaymentIntent> charge(String merchantId, Charge c, String ip, InTransaction<PaymentIntent> tx) {
        if (!PaymentCodeNumber.valid(c.number())) {
            throw invalid();
        }
        var now = clock.instant();
        var window = missWindow(now);
        var seen = new PaymentCode[1];
        return codes.misses(merchantId, window)
                .invoke(misses -> {
                    if (misses >= config.missLimit()) {
                        throw tooManyMisses(Duration.between(now, window.plus(config.missWindow())));
                    }
                })
                .chain(() -> digest(c.number()))
                .flatMap(digest -> Panache.withTransaction(() -> tx.begin()
                        .chain(() -> claimAndCreate(merchantId, c, digest, now, seen))
                        .call(tx::end)))
                .onFailure(ApplicationException.class)
                .call(e -> refused(merchantId, seen[0], window, (ApplicationException) e))
                .flatMap(intent -> payments.confirm(
                        new PaymentService.Actor.Customer(seen[0].customerId(), seen[0].level()),
                        intent.id(),
                        MethodType.WALLET,
                        null,
                        ip,
                        InTransaction.none()));
    }

    private Uni<PaymentIntent> claimAndCreate(
            String merchantId, Charge c, String digest, Instant now, PaymentCode[] seen) {
        String paymentId = "pi_" + UUID.randomUUID().toString().replace("-", "");
        return codes.claim(digest, paymentId, merchantId, now).flatMap(claimed -> {
            if (claimed.isEmpty()) {
                return codes.findByDigest(digest).<PaymentIntent>map(found -> {
                    seen[0] = found.orElse(null);
                    throw found.flatMap(code -> code.refusal(now))
                            .map(PaymentCodeService::refusal)
                            .orElseGet(PaymentCodeService::notFound);
                });
            }
            var code = claimed.get();
            seen[0] = code;
            display.forget(code.id()); // used: never drawn again
            var created = PaymentIntent.create(
                    paymentId,
                    merchantId,
                    code.customerId(),
                    c.amount(),
                    c.description(),
                    MethodType.WALLET,
                    CaptureMethod.AUTOMATIC,
                    Map.of(),
                    PaymentChannel.PAYMENT_CODE,
                    now);
            return intents.insert(created.intent())
                    .chain(() -> outbox.publish(created.intent(), created.events()))
                    .chain(() -> events.charged(code))
                    .replaceWith(created.intent());
        });
    }

    /**
     * After a refused charge (its transaction rolled back): an unknown code counts as a miss of the merchant; a refusal
     * of a lookup is published ({@code payment_code.refused}) in a transaction of its own.
     */
    private Uni<Void> refused(String merchantId, PaymentCode code, Instant window, ApplicationException e) {
        String reason = e.code();
        boolean lookedUp = reason.equals("payment_code_not_found")
                || reason.equals(PaymentCode.Refusal.USED.code())
                || reason.equals(PaymentCode.Refusal.EXPIRED.code());
        if (!lookedUp) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> miss = code == null
                ? codes.recordMiss(merchantId, window)
                : Uni.createFrom().voidItem();
        return miss.chain(() -> Panache.withTransaction(() -> events.refused(code, merchantId, reason)));
    }

    /** Marks codes past their expiry expired, publishing {@code payment_code.expired} each; returns how many. */
    public Uni<Integer> expireDue() {
        return Panache.withTransaction(() -> codes.expireDue(clock.instant(), config.expiryBatch())
                .flatMap(expired -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (var code : expired) {
                        chain = chain.chain(() -> events.expired(code)).invoke(() -> display.forget(code.id()));
                    }
                    return chain.replaceWith(expired.size());
                }));
    }

    /** The fixed window of the miss count that {@code now} is in. */
    private Instant missWindow(Instant now) {
        long size = Math.max(1, config.missWindow().toMillis());
        return Instant.ofEpochMilli(now.toEpochMilli() / size * size);
    }

    private String newNumber() {
        int n = PaymentCodeNumber.randomDigits(config.prefix());
        var digits = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return PaymentCodeNumber.of(config.prefix(), digits.toString());
    }

    /** The code's keyed hash (a KMS MAC: with kms=vault a Vault call, so through {@link KmsCalls}). */
    private Uni<String> digest(String number) {
        return kmsCalls.call(() -> blindIndex.of("payment_code", "code", number));
    }

    /** 400 {@code payment_code_invalid}: not 18 digits, or the check digit is wrong (refused before any lookup). */
    public static ApplicationException invalid() {
        return ApplicationException.invalid(
                "payment_code_invalid",
                "Invalid payment code",
                "a payment code has " + PaymentCodeNumber.LENGTH + " digits and a valid check digit");
    }

    private static ApplicationException notFound() {
        return ApplicationException.notFound("payment_code_not_found", "No such payment code");
    }

    private static ApplicationException refusal(PaymentCode.Refusal r) {
        return switch (r) {
            case USED ->
                ApplicationException.refused(
                        r.code(), "Payment code already used", "a payment code pays once; ask for a new one");
            case EXPIRED ->
                ApplicationException.refused(
                        r.code(), "Payment code expired", "the payment code is no longer valid; ask for a new one");
        };
    }

    private static ApplicationException tooManyMisses(Duration retryAfter) {
        return ApplicationException.tooSoon(
                "payment_code_misses_exceeded",
                "Too many unknown payment codes",
                "too many charges of unknown payment codes; retry later",
                retryAfter.isNegative() || retryAfter.isZero() ? Duration.ofSeconds(1) : retryAfter);
    }
}

package io.payguard.payment.application;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.payguard.kernel.Money;
import io.payguard.kernel.failure.ApplicationException;
import io.payguard.payment.application.port.PaymentStore;
import io.payguard.payment.application.port.QrCodeEvents;
import io.payguard.payment.application.port.QrCodeEvents.What;
import io.payguard.payment.application.port.QrCodeStore;
import io.payguard.payment.config.QrConfig;
import io.payguard.payment.domain.CaptureMethod;
import io.payguard.payment.domain.MethodType;
import io.payguard.payment.domain.PaymentChannel;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.PaymentState;
import io.payguard.payment.domain.Transition;
import io.payguard.payment.domain.qr.MerchantPresentedQr;
import io.payguard.payment.domain.qr.QrCode;
import io.payguard.payment.domain.qr.QrPayloadInvalid;
import io.payguard.platform.messaging.DueWork;
import io.payguard.platform.messaging.PeriodicTask;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Merchant-presented QR codes (EMVCo MPM, {@link MerchantPresentedQr}). A dynamic code is issued with its wallet
 * payment intent (channel {@code qr_dynamic}, no customer yet); a static code is a till's, without amount or intent.
 * The customer's app scans (merchant, amount and currency are read from the server, never from the payload's display
 * fields) and pays: the payload must be exactly the one issued, unexpired, and a dynamic code pays once (claimed by a
 * conditional UPDATE in the confirm's transaction). Paying attaches the customer and confirms through
 * {@link PaymentService#attachAndConfirm} (risk, SCA, wallet saga), in one transaction. A refused use is recorded
 * ({@code qr_code.refused}, and {@code qr_code.expired} the first time an expired code is noticed) in a transaction of
 * its own before the refusal is answered; a round every {@code payguard.qr.expiry-interval} expires the codes nobody
 * used and cancels their payment intents ({@code abandoned}).
 */
@ApplicationScoped
public class QrCodeService {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int REFERENCE_LENGTH = 26; // 130 random bits
    private static final Duration MIN_EXPIRES_IN = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A code to issue: dynamic with {@code amount} (and its intent's {@code description}), or static. */
    public record Create(
            QrCode.Type type, Money amount, Currency currency, String description, String label, Duration expiresIn) {}

    /** What the customer's app shows before paying: all from the server. {@code merchantName}: see {@link #merchantName}. */
    public record Scanned(QrCode code, String merchantName) {}

    private final QrCodeStore store;
    private final QrCodeEvents events;
    private final PaymentService payments;
    private final PaymentStore intents;
    private final IntentTransitions transitions;
    private final QrConfig config;
    private final Clock clock;
    private final PeriodicTask expiry = new PeriodicTask("QR code expiry", this::expireDue);

    public QrCodeService(
            QrCodeStore store,
            QrCodeEvents events,
            PaymentService payments,
            PaymentStore intents,
            IntentTransitions transitions,
            QrConfig config,
            Clock clock) {
        this.store = store;
        this.events = events;
        this.payments = payments;
        this.intents = intents;
        this.transitions = transitions;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent ignored, Vertx vertx) {
        expiry.start(vertx, config.expiryInterval());
    }

    void stop(@Observes ShutdownEvent ignored, Vertx vertx) {
        expiry.stop(vertx);
    }

    /** Issues a code; {@code tx} joins its transaction (with a dynamic code's new intent). */
    public Uni<QrCode> create(String merchantId, Create c, InTransaction<QrCode> tx) {
        var now = clock.instant();
        String id = "qr_" + UUID.randomUUID().toString().replace("-", "");
        Instant expiresAt = c.type() == QrCode.Type.DYNAMIC ? now.plus(lifetime(c.expiresIn())) : null;
        return Panache.withTransaction(() -> tx.begin()
                .chain(() -> c.type() == QrCode.Type.DYNAMIC
                        ? payments.insertNew(
                                        merchantId,
                                        intentOf(id, c, null),
                                        PaymentChannel.QR_DYNAMIC,
                                        PaymentService.newIntentId())
                                .map(PaymentIntent::id)
                        : Uni.createFrom().<String>nullItem())
                .map(paymentId -> issue(id, merchantId, c, paymentId, expiresAt, now))
                .call(store::insert)
                .call(code -> events.fact(What.CREATED, code, code.paymentId(), code.amount(), null))
                .call(tx::end));
    }

    private QrCode issue(String id, String merchantId, Create c, String paymentId, Instant expiresAt, Instant now) {
        String reference = newReference();
        var initiation = c.type() == QrCode.Type.DYNAMIC
                ? MerchantPresentedQr.Initiation.DYNAMIC
                : MerchantPresentedQr.Initiation.STATIC;
        var qr = new MerchantPresentedQr(
                initiation,
                List.of(new MerchantPresentedQr.MerchantAccount(
                        config.merchantAccountTag(), config.globallyUniqueId(), reference)),
                config.merchantCategoryCode(),
                c.currency(),
                c.amount(),
                config.countryCode(),
                displayName(merchantId),
                config.merchantCity(),
                c.label());
        return new QrCode(
                id,
                merchantId,
                c.type(),
                QrCode.Status.ACTIVE,
                reference,
                qr.payload(),
                paymentId,
                c.amount(),
                c.currency(),
                c.label(),
                expiresAt,
                now,
                now);
    }

    private Duration lifetime(Duration asked) {
        var d = asked == null ? config.defaultExpiresIn() : asked;
        if (d.compareTo(MIN_EXPIRES_IN) < 0 || d.compareTo(config.maxExpiresIn()) > 0) {
            throw ApplicationException.invalid(
                    "invalid_request",
                    "Invalid request",
                    "expires_in must be from " + MIN_EXPIRES_IN.toSeconds() + " to "
                            + config.maxExpiresIn().toSeconds() + " seconds");
        }
        return d;
    }

    /** The wallet intent a code's payment makes: automatic capture, linked to the code in its metadata. */
    private static PaymentService.Create intentOf(String codeId, Create c, String customer) {
        return new PaymentService.Create(
                c.amount(),
                c.description(),
                customer,
                MethodType.WALLET,
                CaptureMethod.AUTOMATIC,
                Map.of("qr_code", codeId));
    }

    public Uni<QrCode> get(String merchantId, String id) {
        return Panache.withSession(() -> store.find(id))
                .map(found ->
                        found.filter(c -> c.merchantId().equals(merchantId)).orElseThrow(QrCodeService::notFound));
    }

    /** The customer's app decoded a code: what to show, from the server; refused like a payment would be. */
    public Uni<Scanned> scan(String payload) {
        var now = clock.instant();
        return locate(payload)
                .call(code -> Panache.withTransaction(() -> code.refusal(payload, now)
                        .map(r -> refused(code, r, now))
                        .orElseGet(() -> events.fact(What.SCANNED, code, code.paymentId(), code.amount(), null))))
                .invoke(code -> code.refusal(payload, now).ifPresent(r -> {
                    throw refusal(r);
                }))
                .map(code -> new Scanned(code, merchantName(code.merchantId())));
    }

    /**
     * The customer pays a scanned code from their wallet: a dynamic code's intent (its amount; {@code entered} must be
     * absent), or a new intent (channel {@code qr_static}) for the {@code entered} amount of a static code. The checks
     * run in the confirm's transaction, after the Idempotency-Key's claim (a replay answers what the first call did);
     * a refusal is then recorded in a transaction of its own.
     */
    public Uni<PaymentIntent> pay(
            String customer, String payload, Long entered, String ip, InTransaction<PaymentIntent> tx) {
        var now = clock.instant();
        return locate(payload).flatMap(code -> {
            if ((code.type() == QrCode.Type.DYNAMIC) != (entered == null)) {
                throw ApplicationException.invalid(
                        "invalid_amount",
                        "Invalid amount",
                        "a static code is paid with the amount the customer enters, a dynamic one's amount is fixed");
            }
            return payIntent(customer, code, payload, entered, ip, tx, now)
                    .onFailure(ApplicationException.class)
                    .call(e -> refusalOf((ApplicationException) e)
                            .map(r -> Panache.withTransaction(() -> refused(code, r, now)))
                            .orElseGet(() -> Uni.createFrom().voidItem()));
        });
    }

    private Uni<PaymentIntent> payIntent(
            String customer,
            QrCode code,
            String payload,
            Long entered,
            String ip,
            InTransaction<PaymentIntent> tx,
            Instant now) {
        if (code.type() == QrCode.Type.DYNAMIC) {
            return payments.attachAndConfirm(
                    customer, code.paymentId(), () -> claim(code, payload, now), ip, paid(tx, code));
        }
        var amount = Money.of(entered, code.currency().getCurrencyCode());
        var intent = intentOf(
                code.id(), new Create(code.type(), amount, code.currency(), code.label(), null, null), customer);
        String id = PaymentService.newIntentId();
        return payments.attachAndConfirm(
                customer,
                id,
                () -> check(code, payload, now)
                        .chain(() -> payments.insertNew(code.merchantId(), intent, PaymentChannel.QR_STATIC, id))
                        .replaceWithVoid(),
                ip,
                paid(tx, code));
    }

    /** The payload is the one issued, and the code usable at {@code now} (as read before the transaction). */
    private static Uni<Void> check(QrCode code, String payload, Instant now) {
        return Uni.createFrom()
                .voidItem()
                .invoke(() -> code.refusal(payload, now).ifPresent(r -> {
                    throw refusal(r);
                }));
    }

    /** In the confirm's transaction: the dynamic code's one payment; a concurrent second one is refused. */
    private Uni<Void> claim(QrCode code, String payload, Instant now) {
        return check(code, payload, now)
                .chain(() -> store.claim(code.id(), now))
                .invoke(claimed -> {
                    if (!claimed) {
                        throw refusal(QrCode.Refusal.USED);
                    }
                })
                .replaceWithVoid();
    }

    /** The caller's transaction, which also states that the code paid (with the payment's id and amount). */
    private InTransaction<PaymentIntent> paid(InTransaction<PaymentIntent> tx, QrCode code) {
        return new InTransaction<>() {
            @Override
            public Uni<Void> begin() {
                return tx.begin();
            }

            @Override
            public Uni<Void> end(PaymentIntent p) {
                var after = code.type() == QrCode.Type.DYNAMIC ? code.used(clock.instant()) : code;
                return events.fact(What.PAID, after, p.id(), p.amount(), null).chain(() -> tx.end(p));
            }
        };
    }

    /**
     * The code a scanned payload names: 400 {@code qr_payload_invalid} (no MPM payload, or its CRC is wrong), 404
     * {@code qr_code_not_found} (no code of ours has its reference: a forged one).
     */
    private Uni<QrCode> locate(String payload) {
        String reference = reference(payload);
        return Panache.withSession(() -> store.byReference(reference))
                .map(found -> found.orElseThrow(QrCodeService::notFound));
    }

    private String reference(String payload) {
        MerchantPresentedQr qr;
        try {
            qr = MerchantPresentedQr.parse(payload);
        } catch (QrPayloadInvalid e) {
            throw ApplicationException.invalid("qr_payload_invalid", "Invalid QR payload", e.getMessage());
        }
        return qr.account(config.globallyUniqueId())
                .map(MerchantPresentedQr.MerchantAccount::reference)
                .filter(r -> r != null && r.matches("[A-Z2-7]{" + REFERENCE_LENGTH + "}"))
                .orElseThrow(QrCodeService::notFound);
    }

    private static java.util.Optional<QrCode.Refusal> refusalOf(ApplicationException e) {
        for (var r : QrCode.Refusal.values()) {
            if (r.code().equals(e.code())) {
                return java.util.Optional.of(r);
            }
        }
        return java.util.Optional.empty();
    }

    private Uni<Void> refused(QrCode code, QrCode.Refusal refusal, Instant now) {
        Uni<Void> first = refusal == QrCode.Refusal.EXPIRED
                ? expire(code, now).replaceWithVoid()
                : Uni.createFrom().voidItem();
        return first.chain(() -> events.fact(What.REFUSED, code, code.paymentId(), code.amount(), refusal.code()));
    }

    /** Expires the code nobody used in time, and cancels its payment intent ({@code abandoned}); false if not due. */
    private Uni<Boolean> expire(QrCode code, Instant now) {
        var expired = code.expire(now);
        if (expired.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return store.expire(code.id(), now)
                .flatMap(done -> !done
                        ? Uni.createFrom().item(false)
                        : events.fact(What.EXPIRED, expired.get(), code.paymentId(), code.amount(), null)
                                .chain(() -> abandon(code.paymentId(), now))
                                .replaceWith(true));
    }

    private Uni<Void> abandon(String paymentId, Instant now) {
        if (paymentId == null) {
            return Uni.createFrom().voidItem();
        }
        return intents.lock(paymentId).flatMap(found -> {
            if (found.isEmpty() || !(found.get().state() instanceof PaymentState.RequiresConfirmation)) {
                return Uni.createFrom().voidItem();
            }
            Transition t = found.get().cancel("abandoned", now);
            return transitions.applied(t).replaceWithVoid();
        });
    }

    /** Expires the dynamic codes past their expiry (each in its own transaction); returns how many. */
    public Uni<Integer> expireDue() {
        var now = clock.instant();
        return DueWork.each(
                "expiry of QR code",
                Panache.withSession(() -> store.due(now, config.expiryBatch())),
                id -> Panache.withTransaction(() -> store.find(id)
                        .flatMap(found -> found.isEmpty() ? Uni.createFrom().item(false) : expire(found.get(), now))));
    }

    /**
     * The merchant's name as the customer's app shows it. The merchant directory (platform/web, fed by
     * {@code auth.merchants}) deliberately carries no names, so the merchant id is shown until it does.
     */
    static String merchantName(String merchantId) {
        return merchantId;
    }

    /** Tag 59 holds at most 25 characters of printable ASCII: display only, the server's record is the truth. */
    private static String displayName(String merchantId) {
        String name = merchantName(merchantId).replaceAll("[^\\x20-\\x7E]", "?");
        return name.length() > 25 ? name.substring(0, 25) : name;
    }

    private static String newReference() {
        var out = new StringBuilder(REFERENCE_LENGTH);
        for (int i = 0; i < REFERENCE_LENGTH; i++) {
            out.append(BASE32.charAt(RANDOM.nextInt(BASE32.length())));
        }
        return out.toString();
    }

    static ApplicationException notFound() {
        return ApplicationException.notFound("qr_code_not_found", "No such QR code", null);
    }

    static ApplicationException refusal(QrCode.Refusal r) {
        return switch (r) {
            case ALTERED ->
                ApplicationException.refused(r.code(), "QR code altered", "the payload differs from the code issued");
            case EXPIRED -> ApplicationException.refused(r.code(), "QR code expired", "the code has expired");
            case USED -> ApplicationException.refused(r.code(), "QR code used", "a dynamic code pays once");
        };
    }
}

package io.payguard.payment.application;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.failure.ApplicationException;
import io.payguard.payment.application.port.CardTokenStore;
import io.payguard.payment.domain.Card;
import io.payguard.platform.protection.envelope.BlindIndex;
import io.payguard.platform.protection.envelope.FieldContext;
import io.payguard.platform.protection.envelope.FieldEncryptor;
import io.payguard.platform.protection.envelope.FieldValue;
import io.payguard.platform.protection.quarkus.KmsCalls;
import io.payguard.platform.protection.quarkus.SubjectKeys;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Card tokenisation. The PAN is encrypted with the owner's data key (protection kit, KMS-wrapped) and bound to
 * table, column, token id and owner; the fingerprint is the kit's keyed blind index of the PAN. Only the
 * displayable parts (brand, first 6, last 4, expiry) are stored in clear.
 */
@ApplicationScoped
public class CardVault {

    public static final String TABLE = "card_token";

    /** A stored token: what may be shown, and who may use it. */
    public record Token(
            String id,
            String owner,
            String brand,
            String first6,
            String last4,
            int expMonth,
            int expYear,
            String fingerprint,
            Instant createdAt) {}

    private final CardTokenStore store;
    private final SubjectKeys keys;
    private final FieldEncryptor fields;
    private final BlindIndex blindIndex;
    private final KmsCalls kmsCalls;
    private final Clock clock;

    public CardVault(
            CardTokenStore store,
            SubjectKeys keys,
            FieldEncryptor fields,
            BlindIndex blindIndex,
            KmsCalls kmsCalls,
            Clock clock) {
        this.store = store;
        this.keys = keys;
        this.fields = fields;
        this.blindIndex = blindIndex;
        this.kmsCalls = kmsCalls;
        this.clock = clock;
    }

    public Uni<Token> tokenise(String owner, String number, int expMonth, int expYear) {
        var checked = Card.check(
                number, expMonth, expYear, YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)));
        if (checked instanceof Card.Checked.Invalid invalid) {
            String code = switch (invalid.problem()) {
                case INVALID_NUMBER -> "invalid_number";
                case UNKNOWN_BRAND -> "unsupported_brand";
                case INVALID_EXPIRY -> "invalid_expiry";
                case EXPIRED -> "expired_card";
            };
            throw ApplicationException.invalid(code, "Card refused", "the card cannot be tokenised: " + code);
        }
        var card = ((Card.Checked.Valid) checked).card();
        String id = "tok_" + UUID.randomUUID().toString().replace("-", "");
        return fingerprint(card).flatMap(fingerprint -> {
            var token = new Token(
                    id,
                    owner,
                    card.brand().id(),
                    card.first6(),
                    card.last4(),
                    card.expMonth(),
                    card.expYear(),
                    fingerprint,
                    clock.instant());
            return Panache.withTransaction(() -> keys.current(owner)
                            .flatMap(key -> store.insert(
                                    token,
                                    owner,
                                    key.version(),
                                    fields.encrypt(key, new FieldContext(TABLE, "pan", id, owner), card.pan()))))
                    .replaceWith(token);
        });
    }

    /**
     * The card's keyed-hash fingerprint (the same for every token of one card number): a KMS MAC, with kms=vault a Vault
     * call, so made through {@link KmsCalls} (never on the event loop).
     */
    public Uni<String> fingerprint(Card card) {
        return kmsCalls.call(() -> blindIndex.of(TABLE, "pan", card.pan()));
    }

    /** The card behind a token that one of {@code owners} may use; 404-like refusal otherwise. Inside a session. */
    public Uni<Card> reveal(String tokenId, java.util.Set<String> owners) {
        return store.find(tokenId).flatMap(found -> {
            var stored = found.filter(s -> owners.contains(s.token().owner()))
                    .orElseThrow(() -> ApplicationException.invalid(
                            "invalid_payment_method", "Unknown payment method", "no such card token"));
            return keys.version(stored.keySubject(), stored.keyVersion()).map(key -> {
                var value = fields.decrypt(
                        key, new FieldContext(TABLE, "pan", stored.token().id(), stored.keySubject()), stored.panEnc());
                if (!(value instanceof FieldValue.Plain plain)) {
                    throw ApplicationException.invalid(
                            "invalid_payment_method", "Unusable payment method", "the card data was erased");
                }
                var t = stored.token();
                return new Card(
                        plain.value(),
                        Card.Brand.valueOf(t.brand().toUpperCase(java.util.Locale.ROOT)),
                        t.expMonth(),
                        t.expYear());
            });
        });
    }
}

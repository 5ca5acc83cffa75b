package io.payguard.payment.domain.qr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Currency;

import org.junit.jupiter.api.Test;

import io.payguard.kernel.Money;

/** A code's use: the exact payload, once for a dynamic code, before its expiry. */
class QrCodeTest {

    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");

    static QrCode dynamic(QrCode.Status status) {
        return new QrCode(
                "qr_1",
                "m-1",
                QrCode.Type.DYNAMIC,
                status,
                "REF",
                "PAYLOAD",
                "pi_1",
                Money.of(600, "CNY"),
                Currency.getInstance("CNY"),
                null,
                NOW.plusSeconds(300),
                NOW,
                NOW);
    }

    @Test
    void anAlteredPayloadIsRefusedFirstThenUsedThenExpired() {
        var active = dynamic(QrCode.Status.ACTIVE);
        assertThat(active.refusal("PAYLOAD", NOW)).isEmpty();
        assertThat(active.refusal("PAYLOAd", NOW)).contains(QrCode.Refusal.ALTERED);
        assertThat(dynamic(QrCode.Status.USED).refusal("PAYLOAD", NOW)).contains(QrCode.Refusal.USED);
        assertThat(dynamic(QrCode.Status.USED).refusal("X", NOW)).contains(QrCode.Refusal.ALTERED);
        assertThat(active.refusal("PAYLOAD", NOW.plusSeconds(300))).contains(QrCode.Refusal.EXPIRED);
        assertThat(dynamic(QrCode.Status.EXPIRED).refusal("PAYLOAD", NOW)).contains(QrCode.Refusal.EXPIRED);
    }

    @Test
    void onlyAnActiveCodePastItsExpiryExpires() {
        var active = dynamic(QrCode.Status.ACTIVE);
        assertThat(active.expire(NOW.plusSeconds(299))).isEmpty();
        assertThat(active.expire(NOW.plusSeconds(300)).orElseThrow().status()).isEqualTo(QrCode.Status.EXPIRED);
        assertThat(dynamic(QrCode.Status.USED).expire(NOW.plusSeconds(900))).isEmpty();
        assertThat(active.used(NOW).status()).isEqualTo(QrCode.Status.USED);
    }
}

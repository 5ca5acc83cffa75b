package io.payguard.payment.application.port;

import io.payguard.kernel.Money;
import io.payguard.payment.domain.qr.QrCode;
import io.smallrye.mutiny.Uni;

/**
 * The facts about QR codes on {@code payment.events} ({@code io.payguard.payment.qr_code.<what>.v1}): ids, type,
 * status, amount and reason codes only, never the payload or any customer data. Appended to the outbox in the caller's
 * transaction.
 */
public interface QrCodeEvents {

    enum What {
        CREATED,
        SCANNED,
        PAID,
        EXPIRED,
        REFUSED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * {@code paymentId}/{@code amount}: the payment concerned, when there is one (a static code's payment: the entered
     * amount); {@code reason}: a refusal's code.
     */
    Uni<Void> fact(What what, QrCode code, String paymentId, Money amount, String reason);
}

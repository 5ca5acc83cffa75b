package io.payguard.payment.application.port;

import io.payguard.kernel.Money;

/**
 * Delivers a one-time code to the customer (e-mail, SMS; the log in dev: adapters); the text names amount and payee.
 * The destination comes from the customer's own token when they made the call, never from a request body.
 */
public interface ScaNotifier {

    /**
     * Where a code can go: the customer's verified e-mail address and phone number (either may be null, e.g. when a
     * merchant's call issued the challenge). Never logged.
     */
    record Destination(String customerId, String email, String phone) {
        public static Destination none(String customerId) {
            return new Destination(customerId, null, null);
        }

        @Override
        public String toString() {
            return "Destination[" + customerId + ", ***]";
        }
    }

    /** The channel a code to {@code destination} goes to, and the destination masked ({@code a***@d***}); null if none. */
    record Route(String channel, String maskedTo) {}

    void send(Destination destination, String paymentId, String code, Money amount, String payee);

    /** Which channel a code to {@code destination} would take (shown to the customer); null when no channel reaches it. */
    default Route route(Destination destination) {
        return null;
    }
}

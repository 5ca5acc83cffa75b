package io.payguard.payment.application.port;

/**
 * The destinations of one-time codes of the customer making the current call: from their own token (e-mail when
 * {@code email_verified}, phone when {@code phone_number_verified}). When the call is not that customer's (a
 * merchant's confirm), no destination.
 */
public interface CustomerContacts {

    ScaNotifier.Destination of(String customerId);
}

package io.payguard.payment.application.port;

import io.payguard.kernel.Money;

/** Delivers a one-time code to the customer (SMS, push, e-mail: adapters); the text names amount and payee. */
public interface ScaNotifier {

    void send(String customerId, String paymentId, String code, Money amount, String payee);
}

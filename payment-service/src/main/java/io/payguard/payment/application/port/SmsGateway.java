package io.payguard.payment.application.port;

import io.smallrye.mutiny.Uni;

/** Sends a text message through the SMS gateway (a simulator in {@code ./dev}). {@code to}: E.164. */
public interface SmsGateway {

    Uni<Void> send(String to, String text);
}

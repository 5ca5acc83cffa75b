package io.payguard.auth.privacy.application.port;

import io.smallrye.mutiny.Uni;

/** Sends an e-mail to a customer. */
public interface Mail {

    Uni<Void> send(String to, String subject, String body);
}

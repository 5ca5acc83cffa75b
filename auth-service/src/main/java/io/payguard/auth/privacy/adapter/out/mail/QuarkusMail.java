package io.payguard.auth.privacy.adapter.out.mail;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.privacy.application.port.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

/** {@link Mail} with Quarkus Mailer (SMTP; the mock mailbox in tests). */
@ApplicationScoped
public class QuarkusMail implements Mail {

    private final ReactiveMailer mailer;

    public QuarkusMail(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public Uni<Void> send(String to, String subject, String body) {
        return mailer.send(io.quarkus.mailer.Mail.withText(to, subject, body));
    }
}

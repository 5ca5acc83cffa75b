package io.payguard.auth.privacy.application;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.privacy.application.port.ConsentCheck;
import io.payguard.auth.privacy.application.port.CustomerAccounts;
import io.payguard.auth.privacy.application.port.Mail;
import io.payguard.kernel.failure.ApplicationException;
import io.smallrye.mutiny.Uni;

/** Marketing messages: sent only to customers whose consent to {@code marketing} is in force. */
@ApplicationScoped
public class MarketingService {

    public static final String PURPOSE = "marketing";

    private final ConsentCheck consent;
    private final CustomerAccounts accounts;
    private final Mail mail;

    public MarketingService(ConsentCheck consent, CustomerAccounts accounts, Mail mail) {
        this.consent = consent;
        this.accounts = accounts;
        this.mail = mail;
    }

    public Uni<Void> send(String customer, String subject, String body) {
        return consent.require(customer, PURPOSE)
                .chain(() -> accounts.email(customer))
                .flatMap(email -> email.isEmpty()
                        ? Uni.createFrom()
                                .failure(ApplicationException.notFound(
                                        "customer_not_found",
                                        "Customer not found",
                                        "No customer with an e-mail address has this subject."))
                        : mail.send(email.get(), subject, body));
    }
}

package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

/**
 * The local stack's message sinks that SCA one-time codes go to (issue 17), as payment-service uses them: a mail sent
 * over plain SMTP on loopback (no TLS, no login, as ./dev configures quarkus-mailer) reaches GreenMail and is read back
 * over IMAP by {@link Mailbox}; an SMS posted with the stack's bearer token is accepted by the simulator and read back
 * by {@link SmsInbox}, and one without the token, or with a malformed number, is refused.
 */
class DevMessagingIT {

    @Test
    void aMailSentOverSmtpArrivesInTheRecipientsImapInbox() throws Exception {
        String to = "devmail-" + UUID.randomUUID().toString().substring(0, 8) + "@e2e.payguard.invalid";
        var props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Stack.get("MAIL_SMTP_PORT"));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "10000");
        var mail = new MimeMessage(Session.getInstance(props));
        mail.setFrom(new InternetAddress("no-reply@payguard.invalid"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        mail.setSubject("PayGuard: confirm your payment");
        mail.setText("Your PayGuard code is 042917. It confirms 520.00 CNY to Demo Merchant A. Valid for 5 minutes.");
        Instant sent = Instant.now();
        Transport.send(mail);

        var received = Mailbox.awaitNewest(to, sent, Duration.ofSeconds(20));
        assertThat(received.subject()).isEqualTo("PayGuard: confirm your payment");
        assertThat(Mailbox.code(received)).isEqualTo("042917");
        assertThat(Mailbox.messages("nobody-" + UUID.randomUUID() + "@e2e.payguard.invalid"))
                .as("another address's inbox")
                .isEmpty();
    }

    @Test
    void anSmsPostedWithTheTokenIsKeptForItsNumberAndOneWithoutIsRefused() {
        String to = "+86139" + String.format("%08d", (long) (Math.random() * 100_000_000));
        Instant sent = Instant.now();
        var accepted = SmsInbox.send(to, "PayGuard code 318204 for 520.00 CNY to Demo Merchant A");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().path("id").asText()).startsWith("sms_");

        var sms = SmsInbox.awaitNewest(to, sent, Duration.ofSeconds(10));
        assertThat(sms.id()).isEqualTo(accepted.json().path("id").asText());
        assertThat(SmsInbox.code(sms)).isEqualTo("318204");

        assertThat(SmsInbox.send(to, "no token", Map.of()).status()).isEqualTo(401);
        assertThat(SmsInbox.send(to, "wrong token", Map.of("Authorization", "Bearer " + UUID.randomUUID()))
                        .status())
                .isEqualTo(401);
        assertThat(SmsInbox.send("13900000000", "not E.164").status()).isEqualTo(400);
        var list = new Http().get(Stack.get("SMS_GATEWAY_URL") + "/v1/messages", Map.of());
        assertThat(list.status()).as("reading needs the token too").isEqualTo(401);
        assertThat(SmsInbox.messages(to)).hasSize(1);
    }
}

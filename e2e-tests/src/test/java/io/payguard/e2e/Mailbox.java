package io.payguard.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;

/**
 * The local stack's mail server (GreenMail, started by {@code ./dev up}) read as a customer's mail app would: over IMAP
 * (Jakarta Mail, Angus Mail), with the address as the user name (GreenMail runs with authentication disabled: any
 * password opens the mailbox of that address). Used to read the SCA one-time codes payment-service sends by e-mail.
 */
final class Mailbox {

    /** One mail: subject, plain text (an HTML-only mail with its tags removed), when the server received it. */
    record Mail(String subject, String text, Instant received) {}

    private static final Pattern CODE_AFTER_WORD = Pattern.compile("(?i)code\\D{0,40}?(?<!\\d)(\\d{6})(?!\\d)");
    private static final Pattern SIX_DIGITS = Pattern.compile("(?<![\\d.,])(\\d{6})(?![\\d.,])");

    private Mailbox() {}

    /** Every mail in the address's inbox, oldest first. */
    static List<Mail> messages(String address) {
        var props = new Properties();
        props.put("mail.store.protocol", "imap");
        props.put("mail.imap.host", "127.0.0.1");
        props.put("mail.imap.port", Stack.get("MAIL_IMAP_PORT"));
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "10000");
        try (var store = Session.getInstance(props).getStore("imap")) {
            store.connect(address, "any-password");
            var inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                var result = new ArrayList<Mail>();
                for (Message m : inbox.getMessages()) {
                    var received = m.getReceivedDate() != null ? m.getReceivedDate() : m.getSentDate();
                    result.add(new Mail(
                            String.valueOf(m.getSubject()),
                            text(m),
                            received == null ? Instant.EPOCH : received.toInstant()));
                }
                result.sort(Comparator.comparing(Mail::received));
                return result;
            } finally {
                inbox.close(false);
            }
        } catch (MessagingException | IOException e) {
            throw new AssertionError("cannot read the mailbox of " + address + " over IMAP: " + e, e);
        }
    }

    /**
     * Waits (up to {@code wait}) for a PayGuard mail to {@code address} received at or after {@code since} (less a
     * second: the server's clock stamps whole seconds) and returns the newest.
     */
    static Mail awaitNewest(String address, Instant since, Duration wait) {
        Instant from = since.minusSeconds(1);
        return await().atMost(wait)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> messages(address).stream()
                                .filter(m -> m.subject().contains("PayGuard")
                                        && !m.received().isBefore(from))
                                .reduce((a, b) -> b)
                                .orElse(null),
                        m -> m != null);
    }

    /** The 6-digit one-time code of a mail: the one after the word "code", else the only 6-digit number in it. */
    static String code(Mail mail) {
        return code(mail.text());
    }

    static String code(String text) {
        Matcher m = CODE_AFTER_WORD.matcher(text);
        if (m.find()) {
            return m.group(1);
        }
        var all = new ArrayList<String>();
        Matcher any = SIX_DIGITS.matcher(text);
        while (any.find()) {
            all.add(any.group(1));
        }
        if (all.size() != 1) {
            throw new AssertionError("no single 6-digit code in the mail: " + all.size() + " candidates");
        }
        return all.get(0);
    }

    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("text/html")) {
            return String.valueOf(part.getContent()).replaceAll("<[^>]*>", " ");
        }
        if (part.isMimeType("multipart/*")) {
            var multipart = (Multipart) part.getContent();
            String html = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                var body = multipart.getBodyPart(i);
                if (body.isMimeType("text/plain")) {
                    return String.valueOf(body.getContent());
                }
                if (html == null) {
                    html = text(body);
                }
            }
            return html == null ? "" : html;
        }
        return "";
    }
}

package io.payguard.e2e;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.payguard.kernel.Luhn;

/**
 * Finds card data, secrets and personal data in clear in any text: a log line, a Kafka record, a database row. What
 * it looks for (each bounded: not part of a longer run of letters or digits, so hex hashes, UUIDs and base64 blobs do
 * not count):
 * <ul>
 * <li>{@code pan}: 13-19 digits, optionally in groups of four separated by one space or dash, that pass the Luhn check
 * and start like a card scheme's BIN (Visa 4, Mastercard 51-55/2221-2720, Amex 34/37, UnionPay 62, Discover 6011/65,
 * JCB 35);</li>
 * <li>{@code cvv}: a 3-4 digit value of a field or parameter named cvv, cvc, cvc2, cvv2, security_code or card_code;</li>
 * <li>{@code jwt}: a whole signed JWT (header, payload and signature): a bearer credential;</li>
 * <li>{@code api-key}: a whole secret API key ({@code sk_live_…}, {@code sk_test_…});</li>
 * <li>{@code secret}: any of the given secret values (the stack's generated passwords, client secrets, master key);</li>
 * <li>{@code id-number}: an 18-character PRC resident ID number whose check character is right (GB 11643);</li>
 * <li>{@code phone}: a PRC mobile number (11 digits, 13x-19x);</li>
 * <li>{@code email}: an e-mail address, unless its domain is one the caller allows (a merchant's business address is
 * not personal data).</li>
 * </ul>
 * A hit carries the kind and a masked excerpt only: the scan's own report must not leak what it found.
 */
final class LeakScanner {

    record Hit(String kind, String masked) {}

    private static final Pattern PAN =
            Pattern.compile("(?<![0-9A-Za-z_])(?:\\d{4}[ -]\\d{4}[ -]\\d{4}[ -]\\d{1,7}|\\d{13,19})(?![0-9A-Za-z_])");
    private static final Pattern CVV = Pattern.compile(
            "(?i)\\b(?:cvv2?|cvc2?|security_code|card_code)\\b[\"']?\\s*[:=]\\s*[\"']?(\\d{3,4})(?!\\d)");
    private static final Pattern JWT =
            Pattern.compile("(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}");
    private static final Pattern API_KEY = Pattern.compile("(?<![A-Za-z0-9_])sk_(?:live|test)_[A-Za-z0-9]{20,}");
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9A-Za-z_])[1-9]\\d{16}[0-9Xx](?![0-9A-Za-z_])");
    private static final Pattern PHONE = Pattern.compile("(?<![0-9A-Za-z_.+-])1[3-9]\\d{9}(?![0-9A-Za-z_])");
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,24})(?![A-Za-z0-9-])");

    private final List<String> secrets;
    private final List<String> allowedEmailDomains;

    LeakScanner(Collection<String> secrets, Collection<String> allowedEmailDomains) {
        this.secrets = secrets.stream()
                .filter(s -> s != null && s.length() >= 8)
                .distinct()
                .toList();
        this.allowedEmailDomains = List.copyOf(allowedEmailDomains);
    }

    List<Hit> scan(String text) {
        var hits = new ArrayList<Hit>();
        Matcher m = PAN.matcher(text);
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            if (digits.length() >= 13 && digits.length() <= 19 && schemePrefix(digits) && Luhn.valid(digits)) {
                hits.add(new Hit("pan", digits.substring(0, 6) + "…" + digits.substring(digits.length() - 4)));
            }
        }
        m = CVV.matcher(text);
        while (m.find()) {
            hits.add(new Hit("cvv", m.group().substring(0, m.start(1) - m.start()) + "***"));
        }
        m = JWT.matcher(text);
        while (m.find()) {
            hits.add(new Hit("jwt", m.group().substring(0, 12) + "…"));
        }
        m = API_KEY.matcher(text);
        while (m.find()) {
            hits.add(new Hit("api-key", m.group().substring(0, 12) + "…"));
        }
        for (String s : secrets) {
            if (text.contains(s)) {
                hits.add(new Hit("secret", s.substring(0, 2) + "…(" + s.length() + " chars)"));
            }
        }
        m = ID_NUMBER.matcher(text);
        while (m.find()) {
            if (idNumberChecksum(m.group())) {
                hits.add(new Hit(
                        "id-number", m.group().substring(0, 3) + "…" + m.group().substring(17)));
            }
        }
        m = PHONE.matcher(text);
        while (m.find()) {
            hits.add(
                    new Hit("phone", m.group().substring(0, 3) + "…" + m.group().substring(7)));
        }
        m = EMAIL.matcher(text);
        while (m.find()) {
            String domain = m.group(1).toLowerCase();
            if (allowedEmailDomains.stream().noneMatch(d -> domain.equals(d) || domain.endsWith("." + d))) {
                hits.add(new Hit("email", m.group().charAt(0) + "…@" + domain));
            }
        }
        return hits;
    }

    private static boolean schemePrefix(String d) {
        int two = Integer.parseInt(d.substring(0, 2));
        int four = Integer.parseInt(d.substring(0, 4));
        return d.charAt(0) == '4'
                || (two >= 51 && two <= 55)
                || (four >= 2221 && four <= 2720)
                || two == 34
                || two == 37
                || two == 62
                || two == 65
                || four == 6011
                || two == 35;
    }

    private static boolean idNumberChecksum(String id) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        String checks = "10X98765432";
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * weights[i];
        }
        return Character.toUpperCase(id.charAt(17)) == checks.charAt(sum % 11);
    }
}

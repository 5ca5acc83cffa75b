package io.payguard.platform.redaction;

/**
 * The masks themselves, by shape of value and without any classification: PAN first 6 and last 4 at most
 * (PCI DSS 3.4.1), phone first 3 and last 4, e-mail first letter of the local part, name first character or each
 * word's initial, and {@link #keepEnds}. Log redaction ({@link Redactor}) and the protection kit's display masking
 * ({@code io.payguard.platform.protection.masking.Masking}, which picks one of these by data kind) share them, so a
 * value looks the same masked in a log line and in a response. Pure functions.
 */
public final class Masks {

    public static final String HIDDEN = "***";

    private Masks() {}

    public static String pan(String value) {
        String digits = digits(value);
        if (digits.length() < 13) {
            return keepEnds(digits, 0, Math.min(4, digits.length() / 4));
        }
        return keepEnds(digits, 6, 4);
    }

    public static String phone(String value) {
        String trimmed = value.strip();
        String prefix = "";
        if (trimmed.startsWith("+")) {
            int space = trimmed.indexOf(' ');
            if (space > 0) {
                prefix = trimmed.substring(0, space + 1);
                trimmed = trimmed.substring(space + 1);
            }
        }
        String digits = digits(trimmed);
        if (digits.length() >= 8) {
            return prefix + keepEnds(digits, 3, 4);
        }
        return prefix + keepEnds(digits, 0, Math.min(2, digits.length() / 3));
    }

    public static String email(String value) {
        int at = value.lastIndexOf('@');
        if (at <= 0) {
            return HIDDEN;
        }
        return value.substring(0, value.offsetByCodePoints(0, 1)) + "***" + value.substring(at);
    }

    public static String name(String value) {
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            return trimmed;
        }
        if (!trimmed.contains(" ")) {
            int first = trimmed.codePointAt(0);
            if (Character.UnicodeScript.of(first) == Character.UnicodeScript.HAN) {
                int rest = trimmed.codePointCount(0, trimmed.length()) - 1;
                return new String(Character.toChars(first)) + "*".repeat(Math.max(1, rest));
            }
        }
        var out = new StringBuilder();
        for (String word : trimmed.split("\\s+")) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.appendCodePoint(word.codePointAt(0)).append("***");
        }
        return out.toString();
    }

    /** Keeps {@code head} leading and {@code tail} trailing characters and stars the rest; all stars if too short. */
    public static String keepEnds(String value, int head, int tail) {
        int length = value.length();
        if (length <= head + tail || head + tail == 0) {
            return HIDDEN;
        }
        var out = new StringBuilder(length);
        out.append(value, 0, head);
        out.repeat('*', length - head - tail);
        out.append(value, length - tail, length);
        return out.toString();
    }

    private static String digits(String value) {
        var out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
            } else if (c == 'X' || c == 'x') {
                out.append('X');
            }
        }
        return out.toString();
    }
}

package io.payguard.platform.protection.masking;

import io.payguard.platform.protection.classification.DataClass;
import io.payguard.platform.protection.classification.DataKind;

/**
 * Display masking by kind, the one rule set used by JSON responses, events and logs. Pure functions: no
 * allocation beyond the result, safe on the hot path.
 *
 * <ul>
 * <li>PAN: first 6 and last 4 at most (PCI DSS 3.4.1): {@code 622202******1234}</li>
 * <li>phone: first 3 and last 4: {@code 138****5678}</li>
 * <li>ID number: first 1 and last 1 (JR/T 0171 display): {@code 1****************X}</li>
 * <li>email: first letter of the local part: {@code a***@example.com}</li>
 * <li>name: first character ({@code 张*}) or each word's initial ({@code J*** S***})</li>
 * <li>account number: last 4; address: first 6 characters; C3 data and other C2 kinds: fully hidden</li>
 * </ul>
 */
public final class Masking {

    public static final String HIDDEN = "***";

    private Masking() {
    }

    public static String mask(DataClass level, DataKind kind, String value) {
        if (value == null || level == DataClass.C1) {
            return value;
        }
        if (level == DataClass.C3) {
            return HIDDEN;
        }
        return switch (kind) {
            case PAN -> pan(value);
            case PHONE -> phone(value);
            case ID_NUMBER -> keepEnds(value, 1, 1);
            case EMAIL -> email(value);
            case NAME -> name(value);
            case ACCOUNT_NUMBER -> keepEnds(value.replaceAll("[\\s-]", ""), 0, 4);
            case ADDRESS -> value.codePointCount(0, value.length()) <= 6 ? HIDDEN
                    : value.substring(0, value.offsetByCodePoints(0, 6)) + "****";
            case INTERNAL -> value;
            default -> HIDDEN;
        };
    }

    public static String mask(DataKind kind, String value) {
        return mask(kind.defaultClass(), kind, value);
    }

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

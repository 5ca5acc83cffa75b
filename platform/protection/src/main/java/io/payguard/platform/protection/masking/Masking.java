package io.payguard.platform.protection.masking;

import io.payguard.platform.protection.classification.DataClass;
import io.payguard.platform.protection.classification.DataKind;
import io.payguard.platform.redaction.Masks;

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

    public static final String HIDDEN = Masks.HIDDEN;

    private Masking() {}

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
            case ADDRESS ->
                value.codePointCount(0, value.length()) <= 6
                        ? HIDDEN
                        : value.substring(0, value.offsetByCodePoints(0, 6)) + "****";
            case INTERNAL -> value;
            default -> HIDDEN;
        };
    }

    public static String mask(DataKind kind, String value) {
        return mask(kind.defaultClass(), kind, value);
    }

    public static String pan(String value) {
        return Masks.pan(value);
    }

    public static String phone(String value) {
        return Masks.phone(value);
    }

    public static String email(String value) {
        return Masks.email(value);
    }

    public static String name(String value) {
        return Masks.name(value);
    }

    /** Keeps {@code head} leading and {@code tail} trailing characters and stars the rest; all stars if too short. */
    public static String keepEnds(String value, int head, int tail) {
        return Masks.keepEnds(value, head, tail);
    }
}

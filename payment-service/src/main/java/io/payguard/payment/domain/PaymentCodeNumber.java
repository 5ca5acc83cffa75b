package io.payguard.payment.domain;

import io.payguard.kernel.Luhn;

/**
 * The digits of a payment code: {@value #LENGTH} digits, a configured prefix (the PBoC barcode rules reserve leading
 * digits per institution; PayGuard's default is {@code 28}), random digits, and a Luhn check digit last, so a mistyped
 * or misread code is refused before any lookup. The random digits come from the caller (a {@code SecureRandom}).
 */
public final class PaymentCodeNumber {

    public static final int LENGTH = 18;

    private PaymentCodeNumber() {}

    /** How many random digits a code with {@code prefix} has (the rest of the 17 digits before the check digit). */
    public static int randomDigits(String prefix) {
        requirePrefix(prefix);
        return LENGTH - 1 - prefix.length();
    }

    /** {@code prefix} + {@code random} + the Luhn check digit. */
    public static String of(String prefix, String random) {
        requirePrefix(prefix);
        String body = prefix + random;
        if (body.length() != LENGTH - 1 || !digits(body)) {
            throw new IllegalArgumentException("a payment code has " + (LENGTH - 1) + " digits before its check digit");
        }
        for (char check = '0'; check <= '9'; check++) {
            if (Luhn.valid(body + check)) {
                return body + check;
            }
        }
        throw new IllegalStateException("no Luhn check digit");
    }

    /** {@value #LENGTH} ASCII digits (the check digit is not checked here). */
    public static boolean wellFormed(String code) {
        return code != null && code.length() == LENGTH && digits(code);
    }

    /** Well formed and its check digit right. */
    public static boolean valid(String code) {
        return wellFormed(code) && Luhn.valid(code);
    }

    /** The last four digits: all that is ever shown of a code after it was issued. */
    public static String tail(String code) {
        return code.substring(code.length() - 4);
    }

    private static void requirePrefix(String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.length() > 6 || !digits(prefix)) {
            throw new IllegalArgumentException("a payment code prefix has 1 to 6 digits");
        }
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}

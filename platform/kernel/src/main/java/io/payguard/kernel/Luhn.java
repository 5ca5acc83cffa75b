package io.payguard.kernel;

/**
 * The Luhn (ISO/IEC 7812-1 annex B, "mod 10") check digit every card number carries. One implementation for the card
 * domain (is this a card number?), the log redactor (must this be masked?) and the leak scan (did a PAN escape?); each
 * caller adds its own length and prefix rules.
 */
public final class Luhn {

    private Luhn() {}

    /** True when {@code digits} is non-empty, holds only ASCII digits and its Luhn sum is a multiple of 10. */
    public static boolean valid(CharSequence digits) {
        if (digits == null || digits.isEmpty()) {
            return false;
        }
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (doubled) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}

package io.payguard.platform.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.payguard.kernel.Luhn;

/**
 * Finds personal and authentication data inside free text and replaces it with its masked form: Luhn-valid
 * PANs (13-19 digits, spaces or dashes allowed), mainland China resident ID numbers with a valid ISO 7064
 * check digit, mainland mobile numbers, e-mail addresses, and the value of any {@code cvv=}/{@code pin:}/
 * {@code password=}/{@code otp}/{@code token=}/{@code api_key=}-style field (an
 * {@code Authorization} value keeps its scheme), JWTs and PayGuard API key secrets ({@code sk_test_...}). Pure Java, used by the log filter and anything else that must
 * scrub text (exception messages sent to an audit trail, for instance).
 */
public final class Redactor {

    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(?i)(\\b(?:cvv2?|cvc2?|cvn|cav2|cid|security[_-]?code|pin|pin[_-]?block|password|passwd|pwd|otp|secret|"
                    + "client[_-]?secret|authorization|token|access[_-]?token|refresh[_-]?token|id[_-]?token|api[_-]?key|x-api-key)"
                    // an Authorization value's scheme stays, its credential goes
                    + "\\b[\"']?\\s*[:=]\\s*[\"']?(?:(?:Bearer|DPoP|Basic)\\s+)?)([^\\s\"',;&}]+)");
    // a JWT (access token, DPoP proof) and a PayGuard API key secret, wherever they appear
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Pattern API_KEY =
            Pattern.compile("(?<![A-Za-z0-9_])((?:sk|rk)_(?:live|test)_)[A-Za-z0-9]{8,}");
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9A-Za-z])(\\d{17}[0-9Xx])(?![0-9A-Za-z])");
    // not glued to letters or '_': a digit run inside an identifier (pi_4019...ba, a hex id) is not a card number, and
    // masking it would corrupt ids in the logs
    private static final Pattern PAN = Pattern.compile("(?<![0-9A-Za-z_])(\\d(?:[ -]?\\d){12,18})(?![0-9A-Za-z_])");
    private static final Pattern PHONE =
            Pattern.compile("(?<!\\d)((?:\\+?86[ -]?)?1[3-9]\\d[ -]?\\d{4}[ -]?\\d{4})(?!\\d)");
    private static final Pattern EMAIL = Pattern.compile("(?<![\\w.+-])([\\w.+-]{1,64})@([\\w-]+(?:\\.[\\w-]+)+)");
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] ID_CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private Redactor() {}

    public static String redact(String text) {
        if (text == null || text.isEmpty() || !worthScanning(text)) {
            return text;
        }
        String out = SECRET_FIELD.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1)) + Masks.HIDDEN);
        if (out.contains("eyJ")) {
            out = JWT.matcher(out).replaceAll("eyJ" + Masks.HIDDEN);
        }
        if (out.contains("k_live_") || out.contains("k_test_")) {
            out = API_KEY.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1)) + Masks.HIDDEN);
        }
        out = replace(ID_NUMBER, out, value -> validIdNumber(value) ? Masks.keepEnds(value, 1, 1) : null);
        out = replace(PAN, out, value -> {
            String digits = value.replaceAll("[ -]", "");
            return luhnValid(digits) ? Masks.pan(digits) : null;
        });
        out = replace(PHONE, out, Masks::phone);
        if (out.indexOf('@') >= 0) {
            out = EMAIL.matcher(out)
                    .replaceAll(m -> Matcher.quoteReplacement(m.group(1).charAt(0) + "***@" + m.group(2)));
        }
        return out;
    }

    /** Cheap pre-check: only text with a digit or '@' or '=' / ':' (or a bare JWT or API key) can hold anything we redact. */
    private static boolean worthScanning(String text) {
        if (text.contains("eyJ") || text.contains("k_live_") || text.contains("k_test_")) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9') || c == '@' || c == '=' || c == ':') {
                return true;
            }
        }
        return false;
    }

    private static String replace(Pattern pattern, String text, java.util.function.UnaryOperator<String> masker) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        var out = new StringBuilder(text.length());
        do {
            String masked = masker.apply(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(masked == null ? matcher.group() : masked));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }

    public static boolean luhnValid(String digits) {
        return digits.length() >= 12 && Luhn.valid(digits);
    }

    /** GB 11643-1999 check digit (ISO 7064 MOD 11-2). */
    public static boolean validIdNumber(String id) {
        if (id.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return Character.toUpperCase(id.charAt(17)) == ID_CHECK[sum % 11];
    }
}

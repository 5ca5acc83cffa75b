package io.payguard.platform.protection.logging;

/**
 * Kept so code written against the kit keeps compiling: log redaction moved to {@code platform/redaction}
 * ({@link io.payguard.platform.redaction.Redactor}), which every service gets through {@code platform/web}, with or
 * without this kit. New code uses that class.
 */
public final class Redactor {

    private Redactor() {}

    public static String redact(String text) {
        return io.payguard.platform.redaction.Redactor.redact(text);
    }

    public static boolean luhnValid(String digits) {
        return io.payguard.platform.redaction.Redactor.luhnValid(digits);
    }

    public static boolean validIdNumber(String id) {
        return io.payguard.platform.redaction.Redactor.validIdNumber(id);
    }
}

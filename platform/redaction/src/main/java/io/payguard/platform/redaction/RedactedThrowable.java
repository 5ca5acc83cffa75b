package io.payguard.platform.redaction;

import java.io.Serial;

/**
 * Stand-in for a logged exception whose message (and its causes' and suppressed exceptions' messages) have
 * been redacted. Keeps the original class name and stack trace so logs stay useful for debugging.
 */
public final class RedactedThrowable extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String originalClassName;

    private RedactedThrowable(Throwable original, Throwable redactedCause) {
        super(Redactor.redact(original.getMessage()), redactedCause, true, true);
        this.originalClassName = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    public static Throwable of(Throwable original) {
        return of(original, 0);
    }

    private static Throwable of(Throwable original, int depth) {
        if (original == null || original instanceof RedactedThrowable) {
            return original;
        }
        Throwable cause = original.getCause();
        var redacted = new RedactedThrowable(original, depth < 32 && cause != original ? of(cause, depth + 1) : null);
        for (Throwable suppressed : original.getSuppressed()) {
            redacted.addSuppressed(of(suppressed, depth + 1));
        }
        return redacted;
    }

    /** The original's stack trace is copied in; walking the current stack would only cost time. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    public String originalClassName() {
        return originalClassName;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? originalClassName : originalClassName + ": " + message;
    }
}

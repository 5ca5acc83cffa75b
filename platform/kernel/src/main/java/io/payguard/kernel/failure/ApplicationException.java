package io.payguard.kernel.failure;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a use case did not do what was asked, in the application's words: the {@link Kind} of refusal, a stable
 * machine-readable {@code code}, a short title and an optional detail for the caller. Application code throws these
 * and never an HTTP status; the web adapter maps each kind to one problem status in one place
 * ({@code io.payguard.platform.web.ProblemMappers}). Messages must never carry personal data or secrets: they reach
 * the caller.
 */
public class ApplicationException extends RuntimeException {

    /** What kind of refusal this is; each kind answers one way on every interface. */
    public enum Kind {
        /** The request itself is malformed or incomplete; sending it again unchanged fails again. */
        INVALID(true),
        /** The caller may not do this (e.g. the customer must confirm it themselves). */
        NOT_PERMITTED(true),
        /** The named thing does not exist for this caller. */
        NOT_FOUND(true),
        /** The thing is not in a state that allows this now; the caller may look again and retry. */
        STATE_CONFLICT(false),
        /** Well-formed, but a business rule refuses it. */
        REFUSED(true),
        /** Allowed later: a limit on how often this may happen was reached. */
        TOO_SOON(true),
        /** Something this depends on is not ready yet; nothing changed, retry later. */
        UNAVAILABLE(false);

        private final boolean final_;

        Kind(boolean finalAnswer) {
            this.final_ = finalAnswer;
        }

        /**
         * True when the same request would be refused the same way again, so an idempotent call may store this
         * refusal as its answer; false when a retry may succeed (a state conflict, a dependency not ready).
         */
        public boolean isFinalAnswer() {
            return final_;
        }
    }

    private final Kind kind;
    private final String code;
    private final String title;
    private final Duration retryAfter;

    protected ApplicationException(Kind kind, String code, String title, String detail, Duration retryAfter) {
        super(detail, null, false, false); // a refusal is an answer, not a fault: no stack trace to fill in or leak
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = Objects.requireNonNull(code, "code");
        this.title = Objects.requireNonNull(title, "title");
        this.retryAfter = retryAfter;
    }

    public static ApplicationException invalid(String code, String title, String detail) {
        return new ApplicationException(Kind.INVALID, code, title, detail, null);
    }

    public static ApplicationException notPermitted(String code, String title, String detail) {
        return new ApplicationException(Kind.NOT_PERMITTED, code, title, detail, null);
    }

    public static ApplicationException notFound(String code, String title) {
        return new ApplicationException(Kind.NOT_FOUND, code, title, null, null);
    }

    public static ApplicationException notFound(String code, String title, String detail) {
        return new ApplicationException(Kind.NOT_FOUND, code, title, detail, null);
    }

    public static ApplicationException stateConflict(String code, String title, String detail) {
        return new ApplicationException(Kind.STATE_CONFLICT, code, title, detail, null);
    }

    public static ApplicationException refused(String code, String title, String detail) {
        return new ApplicationException(Kind.REFUSED, code, title, detail, null);
    }

    public static ApplicationException tooSoon(String code, String title, String detail, Duration retryAfter) {
        return new ApplicationException(Kind.TOO_SOON, code, title, detail, retryAfter);
    }

    public static ApplicationException unavailable(String code, String title, String detail, Duration retryAfter) {
        return new ApplicationException(Kind.UNAVAILABLE, code, title, detail, retryAfter);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** The detail for the caller, or null. */
    public String detail() {
        return getMessage();
    }

    /** When the caller may try again, if this kind of refusal says so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public String toString() {
        return "ApplicationException[" + kind + " " + code + "]";
    }
}

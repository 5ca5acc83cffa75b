package io.payguard.platform.web;

import io.payguard.kernel.failure.ApplicationException;

/**
 * A refusal with an explicit HTTP status, for the web adapters (resources, filters, request parsing). Application
 * code throws {@link ApplicationException} instead and lets {@link ProblemMappers} pick the status from its kind.
 */
public class ProblemException extends ApplicationException {
    private final int status;

    public ProblemException(int status, String code, String title, String detail) {
        super(kindOf(status), code, title, detail, null);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static Kind kindOf(int status) {
        return switch (status) {
            case 403, 401 -> Kind.NOT_PERMITTED;
            case 404 -> Kind.NOT_FOUND;
            case 409 -> Kind.STATE_CONFLICT;
            case 422 -> Kind.REFUSED;
            case 429 -> Kind.TOO_SOON;
            default -> status >= 500 ? Kind.UNAVAILABLE : Kind.INVALID;
        };
    }
}

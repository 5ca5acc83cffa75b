package io.payguard.platform.web;

/** Thrown by use cases and resources to answer with a specific problem (status + stable code). */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String code;
    private final String title;

    public ProblemException(int status, String code, String title, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}

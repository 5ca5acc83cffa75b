package io.payguard.payment.domain;

import java.util.Optional;

/** Whether funds are captured as soon as they are authorised, or later by the merchant. */
public enum CaptureMethod {
    AUTOMATIC("automatic"),
    MANUAL("manual");

    private final String id;

    CaptureMethod(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<CaptureMethod> parse(String value) {
        for (var m : values()) {
            if (m.id.equals(value)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}

package io.payguard.payment.domain.risk;

/**
 * How strongly the customer is authenticated for a barcode payment, as the PBoC barcode-payment rules grade it
 * (条码支付业务规范, 2017): {@code A} two or more factors including a digital signature or device key, {@code B} two or
 * more factors, {@code C} fewer. Declared strongest first: {@link #atLeast} compares by strength.
 */
public enum AuthenticationLevel {
    A,
    B,
    C;

    /** True when this level is as strong as {@code other} or stronger. */
    public boolean atLeast(AuthenticationLevel other) {
        return ordinal() <= other.ordinal();
    }

    public String id() {
        return name();
    }
}

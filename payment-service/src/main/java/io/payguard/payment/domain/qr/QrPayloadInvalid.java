package io.payguard.payment.domain.qr;

/** A payload that is not an EMVCo merchant-presented QR code of the form this service issues, or whose CRC is wrong. */
public final class QrPayloadInvalid extends IllegalArgumentException {

    public QrPayloadInvalid(String detail) {
        super(detail);
    }
}

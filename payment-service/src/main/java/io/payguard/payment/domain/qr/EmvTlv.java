package io.payguard.payment.domain.qr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLV layer of EMVCo QR codes (EMV QRCPS Merchant-Presented Mode, section 4): each data object is a 2-digit id, a
 * 2-digit length and that many characters; the payload ends with the CRC object {@code 63}, 4 upper-case hex digits of
 * CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF) over everything before them, {@code "6304"} included.
 * Only printable ASCII is accepted: the payload never needs more, and anything else is refused before it is parsed.
 */
public final class EmvTlv {

    /** The largest payload accepted (a QR code holds at most a few thousand characters; MPM payloads are far shorter). */
    public static final int MAX_PAYLOAD = 512;

    public static final String CRC_ID = "63";

    /** One data object. */
    public record Field(String id, String value) {
        public Field {
            if (id == null || !id.matches("[0-9]{2}")) {
                throw new IllegalArgumentException("an id is two digits");
            }
            if (value == null || value.isEmpty() || value.length() > 99) {
                throw new IllegalArgumentException("a value has 1 to 99 characters");
            }
        }

        public String encoded() {
            return id + String.format("%02d", value.length()) + value;
        }
    }

    private EmvTlv() {}

    public static String encode(List<Field> fields) {
        var out = new StringBuilder();
        fields.forEach(f -> out.append(f.encoded()));
        return out.toString();
    }

    /** The payload: the fields, then the CRC object over them. */
    public static String withCrc(List<Field> fields) {
        String body = encode(fields) + CRC_ID + "04";
        return body + crc(body);
    }

    /** Parses a sequence of data objects (a payload's, or a template's value); no CRC check. */
    public static List<Field> parse(String text) {
        var fields = new ArrayList<Field>();
        int i = 0;
        while (i < text.length()) {
            if (i + 4 > text.length()) {
                throw new QrPayloadInvalid("a data object is cut short at position " + i);
            }
            String id = text.substring(i, i + 2);
            String len = text.substring(i + 2, i + 4);
            if (!id.matches("[0-9]{2}") || !len.matches("[0-9]{2}")) {
                throw new QrPayloadInvalid("id and length are two digits each, at position " + i);
            }
            int n = Integer.parseInt(len);
            if (n == 0 || i + 4 + n > text.length()) {
                throw new QrPayloadInvalid("data object " + id + " has a wrong length");
            }
            fields.add(new Field(id, text.substring(i + 4, i + 4 + n)));
            i += 4 + n;
        }
        return fields;
    }

    /** The fields of a payload whose CRC is right; the CRC object, which must be last, is left out. */
    public static List<Field> decode(String payload) {
        if (payload == null || payload.length() < 12 || payload.length() > MAX_PAYLOAD) {
            throw new QrPayloadInvalid("a payload has 12 to " + MAX_PAYLOAD + " characters");
        }
        for (int i = 0; i < payload.length(); i++) {
            char c = payload.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new QrPayloadInvalid("a payload is printable ASCII");
            }
        }
        int crcAt = payload.length() - 8;
        if (!payload.startsWith(CRC_ID + "04", crcAt)) {
            throw new QrPayloadInvalid("a payload ends with the CRC object 6304");
        }
        String expected = crc(payload.substring(0, crcAt + 4));
        if (!expected.equals(payload.substring(crcAt + 4))) {
            throw new QrPayloadInvalid("the CRC does not match");
        }
        var fields = parse(payload.substring(0, crcAt));
        if (fields.stream().anyMatch(f -> f.id().equals(CRC_ID))) {
            throw new QrPayloadInvalid("the CRC object is the last one");
        }
        return List.copyOf(fields);
    }

    /** CRC-16/CCITT-FALSE of the text's bytes (ASCII), as 4 upper-case hex digits. */
    public static String crc(String text) {
        int crc = 0xFFFF;
        for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
            crc ^= (b & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                crc &= 0xFFFF;
            }
        }
        return String.format("%04X", crc);
    }
}

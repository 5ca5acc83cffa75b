package io.payguard.platform.webhooks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The first few hundred bytes of a response, kept for the delivery log as at most
 * {@value DeliveryAttempt#EXCERPT_CHARS} characters with control and format characters removed (no terminal escapes,
 * no line breaks, no bidi overrides reach a log or a dashboard).
 */
final class ResponseExcerpt {

    /** Enough bytes for 200 characters of UTF-8 text. */
    private static final int KEPT_BYTES = DeliveryAttempt.EXCERPT_CHARS * 4;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    void add(byte[] chunk) {
        int room = KEPT_BYTES - bytes.size();
        if (room > 0) {
            bytes.write(chunk, 0, Math.min(room, chunk.length));
        }
    }

    String text() {
        return clean(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
    }

    static String clean(String text) {
        var out = new StringBuilder();
        text.codePoints()
                .filter(cp -> {
                    int type = Character.getType(cp);
                    return type != Character.CONTROL && type != Character.FORMAT && cp != 0xfffd;
                })
                .forEach(cp -> {
                    if (out.length() + Character.charCount(cp) <= DeliveryAttempt.EXCERPT_CHARS) {
                        out.appendCodePoint(cp);
                    }
                });
        return out.toString();
    }
}

package io.payguard.audit.domain.chain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.payguard.audit.domain.AuditRecord;

/**
 * The canonical serialisation a record's hash covers, version 1 (README "Canonical form").
 * <ul>
 * <li>the ASCII tag {@code payguard.audit.record/1}, then the fields below in this fixed order;</li>
 * <li>a text is its UTF-8 length as a 4-byte big-endian int then the bytes; null is the int -1 alone;</li>
 * <li>a list is its size as a 4-byte int then each element as a text; an absent list is -1;</li>
 * <li>an instant is the text {@code yyyy-MM-ddTHH:mm:ss.ffffffZ} in UTC (always six fraction digits);</li>
 * <li>order: id (lowercase UUID), occurredAt, recordedAt, sourceService, eventType, action, objectType,
 * objectId, outcome, actor.subject, actor.clientId, actor.roles (list), origin.ip, origin.userAgent,
 * correlationId, then the personal-data part: dataSubject, fields (list), purpose, reason (all null/-1 when
 * the record is not a personal-data access).</li>
 * </ul>
 * Length prefixes make the form unambiguous: no value can be shifted into its neighbour.
 */
public final class CanonicalForm {

    public static final String TAG = "payguard.audit.record/1";
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private CanonicalForm() {}

    public static byte[] of(AuditRecord r, Instant recordedAt) {
        var out = new ByteArrayOutputStream(256);
        out.writeBytes(TAG.getBytes(StandardCharsets.US_ASCII));
        text(out, r.id().toString());
        text(out, instant(r.occurredAt()));
        text(out, instant(recordedAt));
        text(out, r.sourceService());
        text(out, r.eventType());
        text(out, r.action());
        text(out, r.objectType());
        text(out, r.objectId());
        text(out, r.outcome());
        text(out, r.actor().subject());
        text(out, r.actor().clientId());
        list(out, r.actor().roles());
        text(out, r.origin().ip());
        text(out, r.origin().userAgent());
        text(out, r.correlationId());
        var pd = r.personalData();
        text(out, pd == null ? null : pd.dataSubject());
        list(out, pd == null ? null : pd.fields());
        text(out, pd == null ? null : pd.purpose());
        text(out, pd == null ? null : pd.reason());
        return out.toByteArray();
    }

    public static String instant(Instant instant) {
        return INSTANT.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    private static void text(ByteArrayOutputStream out, String value) {
        if (value == null) {
            int32(out, -1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int32(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void list(ByteArrayOutputStream out, List<String> values) {
        if (values == null) {
            int32(out, -1);
            return;
        }
        int32(out, values.size());
        values.forEach(v -> text(out, v));
    }

    private static void int32(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}

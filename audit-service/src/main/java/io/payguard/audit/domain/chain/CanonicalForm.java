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
 *
 * <p>Version 2 ({@link Sealed}: personal fields sealed per data subject): the tag {@code payguard.audit.record/2}, the
 * same fields in the same order, where actor.subject, origin.ip, origin.userAgent, personalData.dataSubject and
 * personalData.reason are their stored sealed texts (ciphertext, or {@code erased}), then the subject index and the
 * actor index. It covers no plaintext personal field, so it is computed without any key.
 */
public final class CanonicalForm {

    public static final String TAG = "payguard.audit.record/1";
    public static final String TAG_V2 = "payguard.audit.record/2";
    public static final int V1 = 1;
    public static final int V2 = 2;
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private CanonicalForm() {}

    public static byte[] of(AuditRecord r, Instant recordedAt) {
        return of(r, recordedAt, null);
    }

    /** Form 1 when {@code sealed} is null, else form 2 with {@code sealed}'s texts for the personal fields. */
    public static byte[] of(AuditRecord r, Instant recordedAt, Sealed sealed) {
        var out = new ByteArrayOutputStream(256);
        boolean v2 = sealed != null;
        out.writeBytes((v2 ? TAG_V2 : TAG).getBytes(StandardCharsets.US_ASCII));
        text(out, r.id().toString());
        text(out, instant(r.occurredAt()));
        text(out, instant(recordedAt));
        text(out, r.sourceService());
        text(out, r.eventType());
        text(out, r.action());
        text(out, r.objectType());
        text(out, r.objectId());
        text(out, r.outcome());
        text(out, v2 ? sealed.actorSubject() : r.actor().subject());
        text(out, r.actor().clientId());
        list(out, r.actor().roles());
        text(out, v2 ? sealed.originIp() : r.origin().ip());
        text(out, v2 ? sealed.userAgent() : r.origin().userAgent());
        text(out, r.correlationId());
        var pd = r.personalData();
        text(out, v2 ? sealed.dataSubject() : pd == null ? null : pd.dataSubject());
        list(out, pd == null ? null : pd.fields());
        text(out, pd == null ? null : pd.purpose());
        text(out, v2 ? sealed.reason() : pd == null ? null : pd.reason());
        if (v2) {
            text(out, sealed.subjectIndex());
            text(out, sealed.actorIndex());
        }
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

package io.payguard.audit.adapter.in.rest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.audit.application.AuditSearch;
import io.payguard.audit.domain.chain.ChainHash;
import io.payguard.audit.domain.chain.ChainedRecord;

/**
 * One streamed export of the records matching {@code criteria}, in chain order: CSV (a header line, then a line a
 * record) or NDJSON (a line a record, then a summary line with how many were exported of {@code total} and the last
 * position and hash). Source addresses are masked unless {@code mask} is false.
 */
final class AuditExport implements StreamingOutput {

    /** The export formats: the {@code format} parameter, the media type and the file name's extension. */
    enum Format {
        CSV("text/csv", "csv"),
        JSON("application/x-ndjson", "ndjson");

        final String mediaType;
        final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    private static final String CSV_HEADER =
            "seq,id,occurredAt,recordedAt,sourceService,eventType,action,objectType,objectId,outcome,"
                    + "actorSubject,actorClientId,actorRoles,originIp,userAgent,correlationId,dataSubject,dataFields,purpose,reason,hash,erased";

    private final AuditSearch search;
    private final AuditSearch.Criteria criteria;
    private final Format format;
    private final boolean mask;
    private final long total;
    private final ObjectMapper json;
    private long exported;
    private long lastSeq;
    private byte[] lastHash;

    AuditExport(
            AuditSearch search,
            AuditSearch.Criteria criteria,
            Format format,
            boolean mask,
            long total,
            ObjectMapper json) {
        this.search = search;
        this.criteria = criteria;
        this.format = format;
        this.mask = mask;
        this.total = total;
        this.json = json;
    }

    @Override
    public void write(OutputStream out) throws IOException {
        var w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        if (format == Format.CSV) {
            line(w, CSV_HEADER);
        }
        try {
            search.stream(criteria, r -> {
                try {
                    record(w, r);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (format == Format.JSON) {
                line(w, json.writeValueAsString(Map.of("summary", summary())));
            }
        } finally {
            w.flush();
        }
    }

    private void record(Writer w, ChainedRecord r) throws IOException {
        var view = mask ? AuditRecordView.of(r).masked() : AuditRecordView.of(r);
        line(w, format == Format.CSV ? csv(r, view) : json.writeValueAsString(view));
        exported++;
        lastSeq = r.seq();
        lastHash = r.hash();
    }

    private Map<String, Object> summary() {
        return Map.of(
                "exported",
                exported,
                "total",
                total,
                "lastSeq",
                lastSeq,
                "lastHash",
                lastHash == null ? "" : ChainHash.hex(lastHash));
    }

    private static void line(Writer w, String line) throws IOException {
        w.write(line);
        w.write('\n');
    }

    static String csv(ChainedRecord c, AuditRecordView view) {
        var r = c.record();
        var pd = r.personalData();
        return String.join(
                ",",
                List.of(
                        Long.toString(c.seq()),
                        r.id().toString(),
                        r.occurredAt().toString(),
                        c.recordedAt().toString(),
                        cell(r.sourceService()),
                        cell(r.eventType()),
                        cell(r.action()),
                        cell(r.objectType()),
                        cell(r.objectId()),
                        cell(r.outcome()),
                        cell(r.actor().subject()),
                        cell(r.actor().clientId()),
                        cell(String.join(" ", r.actor().roles())),
                        cell(view.origin().ip()),
                        cell(r.origin().userAgent()),
                        cell(r.correlationId()),
                        cell(pd == null ? null : pd.dataSubject()),
                        cell(pd == null ? null : String.join(" ", pd.fields())),
                        cell(pd == null ? null : pd.purpose()),
                        cell(pd == null ? null : pd.reason()),
                        ChainHash.hex(c.hash()),
                        c.erased() ? "true" : ""));
    }

    /**
     * RFC 4180 quoting; a leading =, +, -, @, tab or carriage return is prefixed with ' so spreadsheets do not run it as
     * a formula (OWASP's list: a spreadsheet skips a leading tab or CR and reads the formula behind it).
     */
    static String cell(String v) {
        if (v == null) {
            return "";
        }
        String s = !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\""
                : s;
    }
}

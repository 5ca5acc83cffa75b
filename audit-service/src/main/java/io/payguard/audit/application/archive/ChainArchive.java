package io.payguard.audit.application.archive;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.payguard.audit.adapter.out.persistence.ChainRepository;
import io.payguard.audit.domain.chain.ChainHead;
import io.payguard.audit.domain.chain.ChainVerifier;
import io.payguard.audit.domain.chain.ChainedRecord;
import io.payguard.audit.domain.chain.Checkpoint;
import io.payguard.audit.domain.chain.Ed25519SignatureCheck;
import io.payguard.audit.domain.chain.VerificationReport;

/**
 * Archive files of a chain range that stay verifiable on their own: NDJSON, one object per line with exactly one
 * of {@code header} (format, range, the boundary hashes: the anchor before the first record and the last hash),
 * {@code record} (a chained record: position, content, previous hash, hash), {@code checkpoint} (the signed
 * checkpoints inside the range) and {@code key} (the public keys that signed them). Verifying a file re-runs
 * the chain verifier from the anchor to the last hash; the anchor of the next archive (or of the live chain) is
 * this file's last hash, so archives and the live chain link end to end.
 */
public final class ChainArchive {

    public static final String FORMAT = "payguard.audit.archive/1";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Header(String format, long fromSeq, long toSeq, ChainHead anchor, ChainHead last, long records, Instant createdAt) {
    }

    public record Key(String keyId, String algorithm, byte[] publicKey) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(Header header, ChainedRecord record, Checkpoint checkpoint, Key key) {
    }

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final ChainRepository repository = new ChainRepository();

    /** Writes positions from..to (inclusive) to {@code file}; returns its header. */
    public Header write(Connection c, long from, long to, Path file, Instant now) throws SQLException, IOException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            ChainHead anchor = from <= 1 ? ChainHead.genesis() : at(c, from - 1);
            var records = new ArrayList<ChainedRecord>();
            repository.forEach(c, from - 1, to, records::add);
            ChainHead last = records.isEmpty() ? anchor : records.get(records.size() - 1).asHead();
            var header = new Header(FORMAT, from, last.seq(), anchor, last, records.size(), now);
            line(w, new Line(header, null, null, null));
            for (ChainedRecord r : records) {
                line(w, new Line(null, r, null, null));
            }
            for (Checkpoint cp : repository.checkpoints(c, from - 1, last.seq())) {
                line(w, new Line(null, null, cp, null));
            }
            try (var s = c.prepareStatement("SELECT key_id, algorithm, public_key FROM audit_signing_key"); var rs = s.executeQuery()) {
                while (rs.next()) {
                    line(w, new Line(null, null, null, new Key(rs.getString(1), rs.getString(2), rs.getBytes(3))));
                }
            }
            return header;
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    /** Position of the last record recorded before {@code instant} (the end of a range past the hot period), 0 if none. */
    public long lastSeqRecordedBefore(Connection c, Instant instant) throws SQLException {
        try (var s = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM audit_record WHERE recorded_at < ?")) {
            s.setObject(1, instant.atOffset(ZoneOffset.UTC));
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Verifies an archive on its own. {@code trustedKeys} empty: the keys in the file are used (they prove nothing
     * about who signed; pass keys kept elsewhere to make the checkpoints count).
     */
    public VerificationReport verify(Path file, Map<String, PublicKey> trustedKeys) throws IOException {
        Header header = null;
        ChainVerifier verifier = null;
        List<Checkpoint> checkpoints = new ArrayList<>();
        Map<String, PublicKey> fileKeys = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String text;
            while ((text = r.readLine()) != null) {
                Line line = json.readValue(text, Line.class);
                if (line.header() != null) {
                    header = line.header();
                    if (!FORMAT.equals(header.format())) {
                        throw new IllegalArgumentException("not a " + FORMAT + " file");
                    }
                    verifier = new ChainVerifier(header.anchor());
                } else if (line.record() != null) {
                    if (verifier == null) {
                        throw new IllegalArgumentException("archive without header");
                    }
                    verifier.accept(line.record());
                } else if (line.checkpoint() != null) {
                    checkpoints.add(line.checkpoint());
                } else if (line.key() != null) {
                    fileKeys.put(line.key().keyId(), Ed25519SignatureCheck.publicKey(line.key().publicKey()));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (header == null) {
            throw new IllegalArgumentException("archive without header");
        }
        var check = new Ed25519SignatureCheck(trustedKeys.isEmpty() ? fileKeys : trustedKeys);
        return verifier.finish(header.last(), checkpoints, check);
    }

    private void line(BufferedWriter w, Line line) throws IOException {
        w.write(json.writeValueAsString(line));
        w.newLine();
    }

    private static ChainHead at(Connection c, long seq) throws SQLException {
        try (var s = c.prepareStatement("SELECT hash FROM audit_record WHERE seq = ?")) {
            s.setLong(1, seq);
            try (var rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no record at position " + seq + " to anchor the archive on");
                }
                return new ChainHead(seq, rs.getBytes(1));
            }
        }
    }

}

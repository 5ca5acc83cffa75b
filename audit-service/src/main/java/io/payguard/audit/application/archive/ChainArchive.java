package io.payguard.audit.application.archive;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.payguard.audit.application.port.ArchiveCodec;
import io.payguard.audit.application.port.ArchiveCodec.Header;
import io.payguard.audit.application.port.ArchiveCodec.Line;
import io.payguard.audit.application.port.ChainStore;
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
 * checkpoints inside the range) and {@code key} (the public keys that signed them); the {@link ArchiveCodec} writes
 * and reads each line. Verifying a file re-runs the chain verifier from the anchor to the last hash; the anchor of
 * the next archive (or of the live chain) is this file's last hash, so archives and the live chain link end to end.
 */
public final class ChainArchive {

    /**
     * Version 2 adds canonical-form-2 records (a {@code sealed} member: personal fields as ciphertext, blind indexes);
     * files of version 1 hold form-1 records only and still verify.
     */
    public static final String FORMAT = "payguard.audit.archive/2";

    public static final String FORMAT_V1 = "payguard.audit.archive/1";

    private final ArchiveCodec codec;

    public ChainArchive(ArchiveCodec codec) {
        this.codec = codec;
    }

    /** Writes positions from..to (inclusive) to {@code file}; returns its header. */
    public Header write(ChainStore.Session session, long from, long to, Path file, Instant now)
            throws SQLException, IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            return session.readTransaction(c -> {
                try {
                    return write(c, from, to, w, now);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Header write(ChainStore.Session c, long from, long to, BufferedWriter w, Instant now)
            throws SQLException, IOException {
        ChainHead anchor = from <= 1
                ? ChainHead.genesis()
                : c.headAt(from - 1)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "no record at position " + (from - 1) + " to anchor the archive on"));
        var records = new ArrayList<ChainedRecord>();
        c.forEach(from - 1, to, records::add);
        ChainHead last =
                records.isEmpty() ? anchor : records.get(records.size() - 1).asHead();
        var header = new Header(FORMAT, from, last.seq(), anchor, last, records.size(), now);
        line(w, new Line(header, null, null, null));
        for (ChainedRecord r : records) {
            line(w, new Line(null, r, null, null));
        }
        for (Checkpoint cp : c.checkpoints(from - 1, last.seq())) {
            line(w, new Line(null, null, cp, null));
        }
        for (ChainStore.SigningKey key : c.signingKeys()) {
            line(w, new Line(null, null, null, key));
        }
        return header;
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
                Line line = codec.decode(text);
                if (line.header() != null) {
                    header = line.header();
                    if (!FORMAT.equals(header.format()) && !FORMAT_V1.equals(header.format())) {
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
                    fileKeys.put(
                            line.key().keyId(),
                            Ed25519SignatureCheck.publicKey(line.key().publicKey()));
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
        w.write(codec.encode(line));
        w.newLine();
    }
}

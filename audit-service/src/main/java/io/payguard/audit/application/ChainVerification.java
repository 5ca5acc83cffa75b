package io.payguard.audit.application;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.payguard.audit.adapter.out.persistence.ChainRepository;
import io.payguard.audit.domain.chain.ChainHash;
import io.payguard.audit.domain.chain.ChainHead;
import io.payguard.audit.domain.chain.ChainVerifier;
import io.payguard.audit.domain.chain.Checkpoint;
import io.payguard.audit.domain.chain.SignatureCheck;
import io.payguard.audit.domain.chain.VerificationReport;

/**
 * One verification run over JDBC, used by the API and by the command line alike. It reads in one
 * REPEATABLE READ, read-only transaction, so the head and the records it compares come from one snapshot while
 * appends go on.
 * <ul>
 * <li>{@link Mode#FULL}: from genesis to the head.</li>
 * <li>{@link Mode#RANGE}: positions from..to, anchored on the stored hash at from-1 (trusted as read; a full run
 * checks it).</li>
 * <li>{@link Mode#INCREMENTAL}: from the last checkpoint that a clean run covered (its signature is checked
 * again) to the head; a full run when there is none.</li>
 * </ul>
 */
public final class ChainVerification {

    public enum Mode { FULL, RANGE, INCREMENTAL }

    public record Request(Mode mode, long from, long to) {
        public static Request full() {
            return new Request(Mode.FULL, 1, Long.MAX_VALUE);
        }

        public static Request incremental() {
            return new Request(Mode.INCREMENTAL, 1, Long.MAX_VALUE);
        }
    }

    public record Outcome(Mode mode, VerificationReport report, Duration took) {
        public long recordsPerSecond() {
            long micros = Math.max(1, took.toNanos() / 1_000);
            return report.recordsChecked() * 1_000_000 / micros;
        }
    }

    private final ChainRepository repository = new ChainRepository();

    public Outcome run(Connection c, Request request, SignatureCheck signatures) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        try {
            var outcome = runInTransaction(c, request, signatures);
            c.commit();
            return outcome;
        } finally {
            c.rollback();
            c.setReadOnly(false);
            c.setTransactionIsolation(isolation);
            c.setAutoCommit(autoCommit);
        }
    }

    /** The same run inside the caller's open transaction (the caller chooses isolation and ends it). */
    public Outcome runInTransaction(Connection c, Request request, SignatureCheck signatures) throws SQLException {
        long started = System.nanoTime();
        ChainHead head = repository.head(c);
        ChainHead anchor = ChainHead.genesis();
        // up to the head: read everything, so records placed beyond the recorded head show up too
        boolean toHead = request.to() >= head.seq();
        long to = toHead ? Long.MAX_VALUE : request.to();
        Mode mode = request.mode();
        if (mode == Mode.RANGE && request.from() > 1) {
            anchor = anchorAt(c, request.from() - 1);
        } else if (mode == Mode.INCREMENTAL) {
            Checkpoint cp = lastVerifiedCheckpoint(c);
            if (cp != null && signatures.holds(cp)) {
                anchor = cp.head();
            } else {
                mode = Mode.FULL;
            }
        }
        var verifier = new ChainVerifier(anchor);
        repository.forEach(c, anchor.seq(), to, verifier::accept);
        List<Checkpoint> checkpoints = repository.checkpoints(c, anchor.seq(), to);
        var report = verifier.finish(toHead ? head : null, checkpoints, signatures);
        return new Outcome(mode, report, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Keeps the run, so the next incremental run knows where to start. */
    public void record(Connection c, Outcome o, Instant startedAt) throws SQLException {
        try (var s = c.prepareStatement("INSERT INTO audit_verification (started_at, from_seq, to_seq, records_checked, intact, findings)"
                + " VALUES (?,?,?,?,?,?)")) {
            var r = o.report();
            s.setObject(1, startedAt.atOffset(ZoneOffset.UTC));
            s.setLong(2, r.anchor().seq());
            s.setLong(3, r.last().seq());
            s.setLong(4, r.recordsChecked());
            s.setBoolean(5, r.intact());
            s.setInt(6, r.findings().size() + r.checkpointFindings().size());
            s.executeUpdate();
        }
    }

    private ChainHead anchorAt(Connection c, long seq) throws SQLException {
        try (var s = c.prepareStatement("SELECT hash FROM audit_record WHERE seq = ?")) {
            s.setLong(1, seq);
            try (var rs = s.executeQuery()) {
                return rs.next() ? new ChainHead(seq, rs.getBytes(1)) : new ChainHead(seq, ChainHash.genesis());
            }
        }
    }

    private Checkpoint lastVerifiedCheckpoint(Connection c) throws SQLException {
        try (var s = c.prepareStatement("SELECT max(cp.seq) FROM audit_checkpoint cp WHERE cp.seq <= "
                + "(SELECT coalesce(max(to_seq), 0) FROM audit_verification v WHERE v.intact AND v.from_seq = 0"
                + " OR v.intact AND v.from_seq IN (SELECT seq FROM audit_checkpoint))"); var rs = s.executeQuery()) {
            rs.next();
            long seq = rs.getLong(1);
            if (rs.wasNull()) {
                return null;
            }
            var list = repository.checkpoints(c, seq - 1, seq);
            return list.isEmpty() ? null : list.get(0);
        }
    }
}

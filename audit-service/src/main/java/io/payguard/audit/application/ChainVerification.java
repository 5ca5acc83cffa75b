package io.payguard.audit.application;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import io.payguard.audit.application.port.ChainStore;
import io.payguard.audit.domain.chain.ChainHash;
import io.payguard.audit.domain.chain.ChainHead;
import io.payguard.audit.domain.chain.ChainVerifier;
import io.payguard.audit.domain.chain.Checkpoint;
import io.payguard.audit.domain.chain.SignatureCheck;
import io.payguard.audit.domain.chain.VerificationReport;

/**
 * One verification run over the chain's store, used by the API and by the command line alike. It reads in one
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

    public enum Mode {
        FULL,
        RANGE,
        INCREMENTAL
    }

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

    public Outcome run(ChainStore.Session session, Request request, SignatureCheck signatures) throws SQLException {
        return session.snapshot(s -> runInTransaction(s, request, signatures));
    }

    /** The same run inside the caller's open transaction (the caller chooses isolation and ends it). */
    public Outcome runInTransaction(ChainStore.Session c, Request request, SignatureCheck signatures)
            throws SQLException {
        long started = System.nanoTime();
        ChainHead head = c.head();
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
        c.forEach(anchor.seq(), to, verifier::accept);
        List<Checkpoint> checkpoints = c.checkpoints(anchor.seq(), to);
        var report = verifier.finish(toHead ? head : null, checkpoints, signatures);
        return new Outcome(mode, report, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Keeps the run, so the next incremental run knows where to start. */
    public void record(ChainStore.Session c, Outcome o, Instant startedAt) throws SQLException {
        c.recordVerification(o.report(), startedAt);
    }

    /** The stored hash at {@code seq} (trusted as read); the genesis hash when there is no record there. */
    private ChainHead anchorAt(ChainStore.Session c, long seq) throws SQLException {
        return c.headAt(seq).orElseGet(() -> new ChainHead(seq, ChainHash.genesis()));
    }

    private Checkpoint lastVerifiedCheckpoint(ChainStore.Session c) throws SQLException {
        OptionalLong seq = c.lastVerifiedCheckpointSeq();
        if (seq.isEmpty()) {
            return null;
        }
        var list = c.checkpoints(seq.getAsLong() - 1, seq.getAsLong());
        return list.isEmpty() ? null : list.get(0);
    }
}

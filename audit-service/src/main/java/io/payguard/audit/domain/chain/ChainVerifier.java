package io.payguard.audit.domain.chain;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.payguard.audit.domain.chain.Finding.Kind;

/**
 * Verifies a run of chained records read in position order, starting after a trusted anchor (genesis or a
 * verified checkpoint). Feed records with {@link #accept}, then call {@link #finish}.
 * <p>
 * Each record is re-hashed as it arrives (the costly part, streaming); only a compact link (position, id,
 * previous hash, hash, whether the content matches) is kept, about 200 bytes a record, so whole ranges can be
 * classified once read. Classification rebuilds the true order from the links (every record names the hash of
 * its predecessor) and compares it with the stored order:
 * <ul>
 * <li>a position gap is a deletion;</li>
 * <li>a record that no record links to, skipped over by its stored successor, was inserted;</li>
 * <li>a record whose true predecessor and true successor both sit elsewhere was moved (reordered);</li>
 * <li>a record whose content no longer hashes to its stored hash was edited; a record whose stored hash is not
 * the one its successor committed to was edited and re-hashed;</li>
 * <li>breaks that follow from one of the above are not reported twice.</li>
 * </ul>
 * The expected head (from the chain head row) catches deletions and insertions at the end of the range, and
 * signed checkpoints catch a re-hashed and renumbered tail.
 */
public final class ChainVerifier {

    private static final int UNKNOWN = -2;
    private static final int ANCHOR = -1;

    private record Link(long seq, UUID id, byte[] prev, byte[] hash, boolean contentOk) {}

    private final ChainHead anchor;
    private final List<Link> links = new ArrayList<>();

    public ChainVerifier(ChainHead anchor) {
        this.anchor = anchor;
    }

    public void accept(ChainedRecord r) {
        boolean ok = Arrays.equals(ChainHash.link(r.prevHash(), r.record(), r.recordedAt(), r.sealed()), r.hash());
        links.add(new Link(r.seq(), r.record().id(), r.prevHash(), r.hash(), ok));
    }

    public long count() {
        return links.size();
    }

    /** Verifies a complete in-memory run. */
    public static VerificationReport verify(
            ChainHead anchor,
            List<ChainedRecord> records,
            ChainHead expectedHead,
            List<Checkpoint> checkpoints,
            SignatureCheck signatures) {
        var v = new ChainVerifier(anchor);
        records.forEach(v::accept);
        return v.finish(expectedHead, checkpoints, signatures);
    }

    /**
     * @param expectedHead the chain head recorded by the appender when the range ends at the head, else null
     * @param checkpoints  checkpoints whose position lies within (anchor, last]
     */
    public VerificationReport finish(ChainHead expectedHead, List<Checkpoint> checkpoints, SignatureCheck signatures) {
        int n = links.size();
        var run = new Classification(expectedHead);
        for (int p = 0; p < n; p++) {
            run.classify(p);
        }
        run.checkTail();
        run.findings.sort((a, b) -> Long.compare(a.seq(), b.seq()));

        List<Finding> cpFindings = new ArrayList<>();
        int checked = 0;
        for (Checkpoint cp : checkpoints) {
            checked++;
            checkCheckpoint(cp, signatures, run.byHash, cpFindings);
        }
        ChainHead last = n == 0
                ? anchor
                : new ChainHead(links.get(n - 1).seq(), links.get(n - 1).hash());
        return new VerificationReport(anchor, last, n, run.findings, checked, cpFindings);
    }

    private void checkCheckpoint(
            Checkpoint cp, SignatureCheck signatures, Map<ByteBuffer, Integer> byHash, List<Finding> cpFindings) {
        if (!signatures.holds(cp)) {
            cpFindings.add(new Finding(
                    Kind.SIGNATURE_INVALID,
                    cp.seq(),
                    null,
                    "the signature of the checkpoint at position " + cp.seq() + " (key " + cp.keyId()
                            + ") does not hold"));
        }
        Integer at = byHash.get(ByteBuffer.wrap(cp.headHash()));
        if (at == null) {
            cpFindings.add(new Finding(
                    Kind.CHECKPOINT_MISMATCH,
                    cp.seq(),
                    null,
                    "no record carries the hash signed at position " + cp.seq()));
        } else if (seqAt(at) != cp.seq()) {
            cpFindings.add(new Finding(
                    Kind.CHECKPOINT_MISMATCH,
                    cp.seq(),
                    null,
                    "the hash signed at position " + cp.seq() + " is found at position " + seqAt(at)));
        }
    }

    /**
     * The links as read, with their true order rebuilt: {@code pred}/{@code succ} are the positions (in reading order)
     * of each record's true predecessor and successor ({@link #ANCHOR} for the anchor, {@link #UNKNOWN} for none), and
     * the findings so far, each record flagged at most once.
     */
    private final class Classification {

        final int n = links.size();
        final Map<ByteBuffer, Integer> byHash = new HashMap<>(n * 2 + 2);
        final int[] duplicateOf = new int[n];
        final int[] pred = new int[n];
        final int[] succ = new int[n];
        final ChainHead expectedHead;
        final int headAt;
        final List<Finding> findings = new ArrayList<>();
        final boolean[] flagged = new boolean[n];
        final boolean[] moved = new boolean[n];

        Classification(ChainHead expectedHead) {
            this.expectedHead = expectedHead;
            byHash.put(ByteBuffer.wrap(anchor.hash()), ANCHOR);
            for (int p = 0; p < n; p++) {
                Integer earlier =
                        byHash.putIfAbsent(ByteBuffer.wrap(links.get(p).hash()), p);
                duplicateOf[p] = earlier == null ? UNKNOWN : earlier;
            }
            Arrays.fill(succ, UNKNOWN);
            for (int p = 0; p < n; p++) {
                pred[p] = byHash.getOrDefault(ByteBuffer.wrap(links.get(p).prev()), UNKNOWN);
                if (pred[p] >= 0 && succ[pred[p]] == UNKNOWN && duplicateOf[p] == UNKNOWN) {
                    succ[pred[p]] = p;
                }
            }
            Integer headPosition = expectedHead == null ? null : byHash.get(ByteBuffer.wrap(expectedHead.hash()));
            this.headAt = headPosition == null ? UNKNOWN : headPosition;
        }

        /** Classifies the record read at position {@code p} (see the class comment for the rules). */
        void classify(int p) {
            Link l = links.get(p);
            long expectedSeq = (p == 0 ? anchor.seq() : links.get(p - 1).seq()) + 1;
            boolean gap = l.seq() > expectedSeq;
            if (gap) {
                findings.add(new Finding(
                        Kind.DELETED,
                        expectedSeq,
                        l.id(),
                        "positions " + expectedSeq + ".." + (l.seq() - 1) + " are missing before record " + l.id()));
            } else if (l.seq() < expectedSeq) {
                findings.add(
                        new Finding(Kind.BROKEN_LINK, l.seq(), l.id(), "position " + l.seq() + " is out of sequence"));
                flagged[p] = true;
                return;
            }
            if (duplicateOf[p] != UNKNOWN) {
                flag(p, Kind.INSERTED, l, "a copy of the record at position " + seqAt(duplicateOf[p]));
                return;
            }
            boolean skippedOver = p < n - 1 ? pred[p + 1] == p - 1 : headAt == p - 1 && p - 1 >= ANCHOR;
            if (succ[p] == UNKNOWN && skippedOver && !gap && (pred[p] == p - 1 || pred[p] == UNKNOWN)) {
                flag(p, Kind.INSERTED, l, "no record links to it and its successor links past it");
                return;
            }
            if (movedFromElsewhere(p)) {
                moved[p] = true;
                flag(
                        p,
                        Kind.REORDERED,
                        l,
                        "its predecessor is the record at position " + seqAt(pred[p])
                                + (succ[p] == UNKNOWN
                                        ? ""
                                        : " and its successor the one at position " + seqAt(succ[p])));
                return;
            }
            if (!l.contentOk()) {
                flag(p, Kind.EDITED, l, "its content no longer matches its hash");
                return;
            }
            if (pred[p] != p - 1 && !gap && !(p > 0 && flagged[p - 1])) {
                brokenLink(p, l);
            }
        }

        /** Whether the record's true predecessor and true successor both sit elsewhere. */
        private boolean movedFromElsewhere(int p) {
            boolean linked = pred[p] == p - 1;
            // pred == p+1 and succ == p-1: its two neighbours swapped places around it; they are the moved ones
            boolean neighboursSwapped = pred[p] == p + 1 && succ[p] == p - 1;
            // the last record read has no successor in range: nothing says it left its place
            boolean successorInPlace = succ[p] == p + 1 || (p == n - 1 && succ[p] == UNKNOWN);
            return !linked && pred[p] != UNKNOWN && !successorInPlace && !neighboursSwapped;
        }

        /** The record does not link to the one read before it, and nothing above explains why. */
        private void brokenLink(int p, Link l) {
            if (p == 0) {
                flag(p, Kind.BROKEN_LINK, l, "it does not link to the anchor at position " + anchor.seq());
            } else if (pred[p] == UNKNOWN) {
                flag(
                        p - 1,
                        Kind.EDITED,
                        links.get(p - 1),
                        "its hash is not the one its successor committed to"
                                + " (edited and re-hashed, or the records after it deleted and renumbered)");
            } else {
                flag(p, Kind.BROKEN_LINK, l, "it links to the record at position " + seqAt(pred[p]));
            }
        }

        /** The expected head catches deletions and insertions at the end of the range. */
        void checkTail() {
            if (expectedHead == null) {
                return;
            }
            Integer h = byHash.get(ByteBuffer.wrap(expectedHead.hash()));
            if (h == null) {
                long lastSeq = n == 0 ? anchor.seq() : links.get(n - 1).seq();
                if (lastSeq < expectedHead.seq()) {
                    findings.add(new Finding(
                            Kind.DELETED,
                            lastSeq + 1,
                            null,
                            "positions " + (lastSeq + 1) + ".." + expectedHead.seq()
                                    + " at the end of the chain are missing"));
                } else if (n > 0 && !flagged[n - 1]) {
                    Link l = links.get(n - 1);
                    findings.add(new Finding(
                            Kind.EDITED,
                            l.seq(),
                            l.id(),
                            "its hash is not the recorded chain head (edited and re-hashed)"));
                }
                return;
            }
            if (h >= 0 && h < n - 1 && !moved[h]) {
                for (int p = h + 1; p < n; p++) {
                    if (!flagged[p]) {
                        flag(p, Kind.INSERTED, links.get(p), "it comes after the recorded chain head");
                    }
                }
            }
        }

        private void flag(int p, Kind kind, Link l, String why) {
            flagged[p] = true;
            findings.add(
                    new Finding(kind, l.seq(), l.id(), "record " + l.id() + " at position " + l.seq() + ": " + why));
        }
    }

    private long seqAt(int position) {
        return position == ANCHOR ? anchor.seq() : links.get(position).seq();
    }
}

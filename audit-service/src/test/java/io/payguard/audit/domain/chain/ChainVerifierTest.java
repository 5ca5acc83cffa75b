package io.payguard.audit.domain.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.payguard.audit.domain.chain.Finding.Kind;

/** Random tamperings of in-memory chains, each detected, classified and located. */
class ChainVerifierTest {

    private static final SignatureCheck NONE = cp -> true;

    @Test
    void anIntactChainVerifiesFromGenesisAndFromAnyPosition() {
        var chain = ChainFixtures.chain(new Random(1), ChainHead.genesis(), 500);
        var report =
                ChainVerifier.verify(ChainHead.genesis(), chain, chain.get(499).asHead(), List.of(), NONE);
        assertThat(report.intact()).as(report.findings().toString()).isTrue();
        assertThat(report.recordsChecked()).isEqualTo(500);
        assertThat(report.last()).isEqualTo(chain.get(499).asHead());

        var fromMiddle = ChainVerifier.verify(
                chain.get(199).asHead(), chain.subList(200, 500), chain.get(499).asHead(), List.of(), NONE);
        assertThat(fromMiddle.intact()).isTrue();
        assertThat(fromMiddle.recordsChecked()).isEqualTo(300);
    }

    @Test
    void theCanonicalFormSeparatesFieldsUnambiguously() {
        var r = ChainFixtures.record(new Random(2), 1);
        var shifted = new io.payguard.audit.domain.AuditRecord(
                r.id(),
                r.occurredAt(),
                r.sourceService(),
                r.eventType(),
                r.action() + r.objectType(),
                "",
                r.objectId(),
                r.outcome(),
                r.actor(),
                r.origin(),
                r.correlationId(),
                r.personalData());
        var at = Instant.parse("2026-11-26T10:00:00Z");
        assertThat(CanonicalForm.of(shifted, at)).isNotEqualTo(CanonicalForm.of(r, at));
        assertThat(ChainHash.link(ChainHash.genesis(), r, at))
                .isEqualTo(ChainHash.link(ChainHash.genesis(), r, at.plusNanos(999)));
    }

    @Test
    void thousandsOfRandomTamperingsAreAllDetectedClassifiedAndLocated() {
        var random = new Random(20261126L);
        int tampered = 0;
        for (int round = 0; round < 2_000; round++) {
            var anchor = round % 2 == 0 ? ChainHead.genesis() : new ChainHead(1000, randomHash(random));
            var chain = new ArrayList<>(ChainFixtures.chain(random, anchor, 20 + random.nextInt(200)));
            var head = chain.get(chain.size() - 1).asHead();
            int n = chain.size();
            var kind = Kind.values()[random.nextInt(4)];
            List<Finding> expected = new ArrayList<>();
            switch (kind) {
                case EDITED -> {
                    int k = random.nextInt(n);
                    var r = chain.get(k);
                    chain.set(
                            k,
                            new ChainedRecord(
                                    r.seq(),
                                    r.recordedAt(),
                                    ChainFixtures.edited(r.record(), random),
                                    r.prevHash(),
                                    r.hash()));
                    expected.add(new Finding(Kind.EDITED, r.seq(), r.record().id(), null));
                }
                case DELETED -> {
                    int k = random.nextInt(n);
                    int count = 1 + random.nextInt(Math.min(3, n - k));
                    var first = chain.get(k);
                    for (int i = 0; i < count; i++) {
                        chain.remove(k);
                    }
                    expected.add(new Finding(
                            Kind.DELETED,
                            first.seq(),
                            k < chain.size() ? chain.get(k).record().id() : null,
                            null));
                }
                case INSERTED -> {
                    int k = random.nextInt(n + 1);
                    var fake = ChainFixtures.forged(random, chain, anchor, k, random.nextBoolean());
                    chain.add(k, fake);
                    // the database would renumber what follows to make room: positions are not hashed
                    for (int i = k + 1; i < chain.size(); i++) {
                        var r = chain.get(i);
                        chain.set(
                                i, new ChainedRecord(r.seq() + 1, r.recordedAt(), r.record(), r.prevHash(), r.hash()));
                    }
                    expected.add(
                            new Finding(Kind.INSERTED, fake.seq(), fake.record().id(), null));
                }
                default -> {
                    int i = random.nextInt(n - 1);
                    int j = random.nextBoolean() ? i + 1 : i + 1 + random.nextInt(n - i - 1);
                    var a = chain.get(i);
                    var b = chain.get(j);
                    // swap the records, keep positions ascending: what swapping their seq values does
                    chain.set(i, new ChainedRecord(a.seq(), b.recordedAt(), b.record(), b.prevHash(), b.hash()));
                    chain.set(j, new ChainedRecord(b.seq(), a.recordedAt(), a.record(), a.prevHash(), a.hash()));
                    expected.add(new Finding(Kind.REORDERED, a.seq(), b.record().id(), null));
                    expected.add(new Finding(Kind.REORDERED, b.seq(), a.record().id(), null));
                }
            }
            var report = ChainVerifier.verify(anchor, chain, head, List.of(), NONE);
            assertThat(report.findings())
                    .as("round %d: %s in a chain of %d", round, kind, n)
                    .usingElementComparatorIgnoringFields("detail")
                    .containsExactlyElementsOf(expected);
            tampered++;
        }
        assertThat(tampered).isEqualTo(2_000);
    }

    @Test
    void checkpointsCatchARehashedTailAndForgedSignatures() throws Exception {
        var keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        var check = new Ed25519SignatureCheck(Map.of("k1", keys.getPublic()));
        var chain = ChainFixtures.chain(new Random(3), ChainHead.genesis(), 100);
        var signed = sign(keys.getPrivate(), chain.get(49).asHead());
        var forged = new Checkpoint(
                99, chain.get(99).hash(), Instant.parse("2026-11-26T10:00:00Z"), "k1", "Ed25519", new byte[64]);

        var clean =
                ChainVerifier.verify(ChainHead.genesis(), chain, chain.get(99).asHead(), List.of(signed), check);
        assertThat(clean.intact()).isTrue();
        assertThat(clean.checkpointsChecked()).isEqualTo(1);

        // an attacker rewrites record 30 and re-hashes everything after it, chain head included
        var rewritten = new ArrayList<>(chain.subList(0, 29));
        var head = rewritten.get(28).asHead();
        var rnd = new Random(4);
        for (int i = 29; i < 100; i++) {
            var r = chain.get(i);
            var record = i == 29 ? ChainFixtures.edited(r.record(), rnd) : r.record();
            var next = ChainedRecord.append(head, record, r.recordedAt());
            rewritten.add(next);
            head = next.asHead();
        }
        var report = ChainVerifier.verify(ChainHead.genesis(), rewritten, head, List.of(signed, forged), check);
        assertThat(report.findings()).isEmpty();
        assertThat(report.checkpointFindings())
                .extracting(Finding::kind, Finding::seq)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Kind.CHECKPOINT_MISMATCH, 50L),
                        org.assertj.core.groups.Tuple.tuple(Kind.SIGNATURE_INVALID, 99L),
                        org.assertj.core.groups.Tuple.tuple(Kind.CHECKPOINT_MISMATCH, 99L));
    }

    static Checkpoint sign(java.security.PrivateKey key, ChainHead head) throws Exception {
        var at = Instant.parse("2026-11-26T10:00:00Z");
        var s = Signature.getInstance("Ed25519");
        s.initSign(key);
        s.update(Checkpoint.payload(head.seq(), head.hash(), at, "k1"));
        return new Checkpoint(head.seq(), head.hash(), at, "k1", "Ed25519", s.sign());
    }

    private static byte[] randomHash(Random random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return b;
    }
}

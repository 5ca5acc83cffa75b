package io.payguard.audit.domain.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.payguard.audit.domain.AuditRecord;

/**
 * Canonical form 2: the hash covers the sealed personal fields and the blind indexes, never the plaintext, so a chain
 * of form-1 and form-2 records verifies without any key, also once the plaintext is gone, and a changed ciphertext or
 * index is found.
 */
class SealedChainTest {

    private static final SignatureCheck NO_SIGNATURES = cp -> true;

    private static Sealed sealed(int i) {
        return new Sealed(
                "idx-subject-" + (i % 3),
                "idx-actor-" + i,
                "pg1.1.actor" + i,
                "pg1.1.ip" + i,
                "pg1.1.ua" + i,
                i % 2 == 0 ? "pg1.1.ds" + i : null,
                i % 2 == 0 ? "pg1.1.reason" + i : null);
    }

    /** Records alternating form 1 and form 2, as an upgrade leaves the chain. */
    private static List<ChainedRecord> mixed(int size) {
        var random = new Random(18);
        var out = new ArrayList<ChainedRecord>();
        var head = ChainHead.genesis();
        for (int i = 0; i < size; i++) {
            var r = ChainedRecord.append(
                    head,
                    ChainFixtures.record(random, i),
                    Instant.parse("2026-12-07T10:00:00Z").plusMillis(i),
                    i % 2 == 0 ? null : sealed(i));
            out.add(r);
            head = r.asHead();
        }
        return out;
    }

    private static VerificationReport verify(List<ChainedRecord> chain) {
        return ChainVerifier.verify(
                ChainHead.genesis(), chain, chain.get(chain.size() - 1).asHead(), List.of(), NO_SIGNATURES);
    }

    @Test
    void aMixedChainOfFormOneAndFormTwoRecordsVerifies() {
        var chain = mixed(40);
        assertThat(chain).extracting(ChainedRecord::form).contains(1, 2);
        assertThat(verify(chain).intact()).isTrue();
    }

    @Test
    void formTwoHashesNoPlaintextPersonalField() {
        var chain = mixed(10);
        var stored = chain.get(1);
        var r = stored.record();
        // the record as read once the subject's key is shredded: personal fields null
        var erased = new AuditRecord(
                r.id(),
                r.occurredAt(),
                r.sourceService(),
                r.eventType(),
                r.action(),
                r.objectType(),
                r.objectId(),
                r.outcome(),
                new AuditRecord.Actor(null, r.actor().clientId(), r.actor().roles()),
                new AuditRecord.Origin(null, null),
                r.correlationId(),
                r.personalData() == null
                        ? null
                        : new AuditRecord.PersonalDataAccess(
                                null,
                                r.personalData().fields(),
                                r.personalData().purpose(),
                                null));
        var afterShredding = new ArrayList<>(chain);
        afterShredding.set(1, stored.withRecord(erased));
        assertThat(afterShredding.get(1).erased()).isTrue();
        assertThat(verify(afterShredding).intact()).isTrue();
        assertThat(CanonicalForm.of(erased, stored.recordedAt(), stored.sealed()))
                .isEqualTo(CanonicalForm.of(r, stored.recordedAt(), stored.sealed()));
        assertThat(new String(
                        CanonicalForm.of(r, stored.recordedAt(), stored.sealed()),
                        java.nio.charset.StandardCharsets.UTF_8))
                .startsWith(CanonicalForm.TAG_V2)
                .doesNotContain(r.actor().subject())
                .doesNotContain(r.origin().ip());
    }

    @Test
    void aChangedCiphertextOrIndexOrFormIsFound() {
        var chain = mixed(12);
        var target = chain.get(5);
        var s = target.sealed();
        List<Sealed> tamperings = List.of(
                new Sealed(
                        s.subjectIndex(),
                        s.actorIndex(),
                        s.actorSubject() + "x",
                        s.originIp(),
                        s.userAgent(),
                        s.dataSubject(),
                        s.reason()),
                new Sealed(
                        s.subjectIndex(),
                        s.actorIndex(),
                        s.actorSubject(),
                        "pg1.1.other",
                        s.userAgent(),
                        s.dataSubject(),
                        s.reason()),
                new Sealed(
                        "idx-someone-else",
                        s.actorIndex(),
                        s.actorSubject(),
                        s.originIp(),
                        s.userAgent(),
                        s.dataSubject(),
                        s.reason()),
                new Sealed(
                        s.subjectIndex(),
                        null,
                        s.actorSubject(),
                        s.originIp(),
                        s.userAgent(),
                        s.dataSubject(),
                        s.reason()));
        for (Sealed tampered : tamperings) {
            var edited = new ArrayList<>(chain);
            edited.set(
                    5,
                    new ChainedRecord(
                            target.seq(),
                            target.recordedAt(),
                            target.record(),
                            target.prevHash(),
                            target.hash(),
                            tampered));
            var report = verify(edited);
            assertThat(report.intact()).isFalse();
            assertThat(report.findings())
                    .extracting(Finding::kind, Finding::seq)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Finding.Kind.EDITED, target.seq()));
        }
        // a form-2 record passed off as form 1 (sealed dropped, plaintext put back) is found too
        var downgraded = new ArrayList<>(chain);
        downgraded.set(
                5,
                new ChainedRecord(
                        target.seq(), target.recordedAt(), target.record(), target.prevHash(), target.hash()));
        assertThat(verify(downgraded).intact()).isFalse();
    }
}

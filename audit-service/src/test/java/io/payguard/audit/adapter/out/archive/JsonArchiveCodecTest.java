package io.payguard.audit.adapter.out.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.payguard.audit.application.archive.ChainArchive;
import io.payguard.audit.application.port.ArchiveCodec.Header;
import io.payguard.audit.application.port.ArchiveCodec.Line;
import io.payguard.audit.application.port.ChainStore.SigningKey;
import io.payguard.audit.domain.AuditRecord;
import io.payguard.audit.domain.chain.ChainHash;
import io.payguard.audit.domain.chain.ChainHead;
import io.payguard.audit.domain.chain.ChainedRecord;
import io.payguard.audit.domain.chain.Checkpoint;
import io.payguard.audit.domain.chain.Sealed;

/**
 * The codec writes exactly what ChainArchive wrote before the codec moved out of the application (its Jackson
 * set-up and line types, copied here as they were), and reads those lines back: archives already written verify.
 */
class JsonArchiveCodecTest {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OldHeader(
            String format,
            long fromSeq,
            long toSeq,
            ChainHead anchor,
            ChainHead last,
            long records,
            Instant createdAt) {}

    record OldKey(String keyId, String algorithm, byte[] publicKey) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OldLine(OldHeader header, ChainedRecord record, Checkpoint checkpoint, OldKey key) {}

    /** ChainedRecord as it was before canonical form 2 (no {@code sealed} component). */
    @JsonIgnoreProperties("sealed")
    private interface BeforeFormTwo {}

    private final ObjectMapper old = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(ChainedRecord.class, BeforeFormTwo.class);
    private final JsonArchiveCodec codec = new JsonArchiveCodec();

    @Test
    void everyKindOfLineIsWrittenByteForByteAsBeforeAndReadBack() throws Exception {
        var record = new AuditRecord(
                UUID.fromString("0b7a4c1e-4a8e-4f59-9d3e-3f1f1c9e2a10"),
                Instant.parse("2026-11-26T09:00:00.123456Z"),
                "wallet-service",
                AuditRecord.REQUEST_AUDIT_V1,
                "wallet.read",
                "wallet",
                "w-1",
                "success",
                new AuditRecord.Actor("u-1", "payguard-web", List.of("customer")),
                new AuditRecord.Origin("10.0.0.1", "ua"),
                "arch-1",
                new AuditRecord.PersonalDataAccess("ds-1", List.of("email"), "support", "ticket 7"));
        var chained = ChainedRecord.append(ChainHead.genesis(), record, Instant.parse("2026-11-26T09:00:01Z"));
        var checkpoint = new Checkpoint(
                1, chained.hash(), Instant.parse("2026-11-26T09:01:00Z"), "k-1", "Ed25519", new byte[] {1, 2, 3});
        var header = new Header(
                ChainArchive.FORMAT,
                1,
                1,
                ChainHead.genesis(),
                chained.asHead(),
                1,
                Instant.parse("2026-12-01T00:00:00Z"));
        var oldHeader = new OldHeader(
                ChainArchive.FORMAT,
                1,
                1,
                ChainHead.genesis(),
                chained.asHead(),
                1,
                Instant.parse("2026-12-01T00:00:00Z"));
        byte[] publicKey = {9, 8, 7};

        var pairs = List.of(
                List.of(new Line(header, null, null, null), new OldLine(oldHeader, null, null, null)),
                List.of(new Line(null, chained, null, null), new OldLine(null, chained, null, null)),
                List.of(new Line(null, null, checkpoint, null), new OldLine(null, null, checkpoint, null)),
                List.of(
                        new Line(null, null, null, new SigningKey("k-1", "Ed25519", publicKey)),
                        new OldLine(null, null, null, new OldKey("k-1", "Ed25519", publicKey))));
        for (var pair : pairs) {
            String before = old.writeValueAsString(pair.get(1));
            assertThat(codec.encode((Line) pair.get(0))).isEqualTo(before);
            assertThat(codec.encode(codec.decode(before))).isEqualTo(before);
        }
        assertThat(codec.decode(old.writeValueAsString(new OldLine(null, chained, null, null)))
                        .record()
                        .hash())
                .isEqualTo(chained.hash());
    }

    @Test
    void aFormTwoRecordKeepsItsSealedFieldsAndStillHashesTheSame() throws Exception {
        var record = new AuditRecord(
                UUID.randomUUID(),
                Instant.parse("2026-12-07T09:00:00.123456Z"),
                "auth-service",
                "io.payguard.audit.pii-access.v1",
                "personal-data.read",
                null,
                null,
                "success",
                new AuditRecord.Actor(null, "payguard-web", List.of("operator")),
                new AuditRecord.Origin(null, null),
                "arch-2",
                new AuditRecord.PersonalDataAccess(null, List.of("phone"), "support", null));
        var sealed = new Sealed("idx-s", "idx-a", "pg1.1.AAAA", null, "pg1.1.BBBB", "pg1.1.CCCC", Sealed.ERASED);
        var chained = ChainedRecord.append(ChainHead.genesis(), record, Instant.parse("2026-12-07T09:00:01Z"), sealed);
        String text = codec.encode(new Line(null, chained, null, null));
        assertThat(text).contains("\"sealed\"").contains("pg1.1.CCCC").doesNotContain("\"subject\":\"");
        var back = codec.decode(text).record();
        assertThat(back.sealed()).isEqualTo(sealed);
        assertThat(back.form()).isEqualTo(2);
        assertThat(ChainHash.link(back.prevHash(), back.record(), back.recordedAt(), back.sealed()))
                .isEqualTo(chained.hash());
    }
}

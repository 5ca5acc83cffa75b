package io.payguard.audit.application.port;

import java.io.IOException;
import java.time.Instant;

import io.payguard.audit.domain.chain.ChainHead;
import io.payguard.audit.domain.chain.ChainedRecord;
import io.payguard.audit.domain.chain.Checkpoint;

/**
 * The text of one archive line and back (the archive format, {@code ChainArchive.FORMAT}: one JSON object per
 * line). Existing archives must keep verifying, so the encoding of these values never changes.
 */
public interface ArchiveCodec {

    /** The first line: format, range, the boundary hashes (the anchor before the first record and the last hash). */
    record Header(
            String format,
            long fromSeq,
            long toSeq,
            ChainHead anchor,
            ChainHead last,
            long records,
            Instant createdAt) {}

    /** One line: exactly one of the four is set. */
    record Line(Header header, ChainedRecord record, Checkpoint checkpoint, ChainStore.SigningKey key) {}

    String encode(Line line) throws IOException;

    /** @throws IOException when the text is not a line of this format */
    Line decode(String text) throws IOException;
}

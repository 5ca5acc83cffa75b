package io.payguard.audit.application;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.payguard.audit.application.port.SubjectSealing;
import io.payguard.audit.domain.chain.ChainedRecord;

/**
 * A sink of stored records that hands them on opened ({@link SubjectSealing#open}), a chunk at a time (one key look-up
 * per chunk); {@link #flush} after the last one.
 */
final class OpenedRecords implements Consumer<ChainedRecord> {

    private static final int CHUNK = 500;

    private final SubjectSealing sealing;
    private final Consumer<ChainedRecord> sink;
    private final List<ChainedRecord> chunk = new ArrayList<>(CHUNK);

    OpenedRecords(SubjectSealing sealing, Consumer<ChainedRecord> sink) {
        this.sealing = sealing;
        this.sink = sink;
    }

    @Override
    public void accept(ChainedRecord stored) {
        chunk.add(stored);
        if (chunk.size() == CHUNK) {
            flush();
        }
    }

    void flush() {
        try {
            sealing.open(List.copyOf(chunk)).forEach(sink);
        } catch (SQLException e) {
            throw new IllegalStateException("audit records could not be opened", e);
        } finally {
            chunk.clear();
        }
    }
}

package io.payguard.payment.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.payguard.payment.domain.qr.QrCode;
import io.smallrye.mutiny.Uni;

/** The merchant-presented QR codes issued. Every call runs in the caller's transaction. */
public interface QrCodeStore {

    Uni<Void> insert(QrCode code);

    Uni<Optional<QrCode>> find(String id);

    Uni<Optional<QrCode>> byReference(String reference);

    /**
     * Marks the active dynamic code used if it still is active and unexpired at {@code now} (one conditional UPDATE:
     * of two concurrent payments, exactly one gets true).
     */
    Uni<Boolean> claim(String id, Instant now);

    /** Marks the code expired if it is active and past its expiry at {@code now}; true when this call did. */
    Uni<Boolean> expire(String id, Instant now);

    /** Active codes past their expiry at {@code now}, oldest expiry first (no lock). */
    Uni<List<String>> due(Instant now, int limit);
}

package io.payguard.platform.protection.privacy;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What an erasure did to one type of data in one service: erased, or kept pseudonymised under a retention hold until
 * {@code holdUntil} for {@code legalBasis}, or kept as is (with its legal basis).
 *
 * @param dataType   snake_case name of the data, e.g. {@code card_tokens}, {@code payment_intents}
 * @param count      how many records it concerned
 * @param holdUntil  for {@link Action#PSEUDONYMISED_HELD}: when the hold ends and the records are deleted, else null
 * @param legalBasis why the data is kept (null when erased)
 */
public record ErasureOutcome(String dataType, Action action, long count, Instant holdUntil, String legalBasis) {

    public enum Action {
        ERASED,
        PSEUDONYMISED_HELD,
        KEPT;

        /** The wire form: {@code erased}, {@code pseudonymised_held}, {@code kept}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Action fromWire(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    public ErasureOutcome {
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(action, "action");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        if (action == Action.PSEUDONYMISED_HELD && (holdUntil == null || legalBasis == null)) {
            throw new IllegalArgumentException("a held record needs its hold end and legal basis");
        }
    }

    public static ErasureOutcome erased(String dataType, long count) {
        return new ErasureOutcome(dataType, Action.ERASED, count, null, null);
    }

    public static ErasureOutcome held(String dataType, long count, Instant holdUntil, String legalBasis) {
        return new ErasureOutcome(dataType, Action.PSEUDONYMISED_HELD, count, holdUntil, legalBasis);
    }

    public static ErasureOutcome kept(String dataType, long count, String legalBasis) {
        return new ErasureOutcome(dataType, Action.KEPT, count, null, legalBasis);
    }
}

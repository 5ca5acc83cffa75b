package io.payguard.wallet.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An immutable, balanced journal entry: at least two postings whose amounts sum to zero in each currency,
 * and the business reference that caused it (payment id, idempotency key, ...). Corrections are new
 * entries ({@link #reversal}), never changes.
 */
public record JournalEntry(
        UUID id, EntryKind kind, String reference, List<Posting> postings, Instant postedAt, UUID reverses) {

    public JournalEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(postedAt, "postedAt");
        if (reference == null || reference.isBlank() || reference.length() > 200) {
            throw new IllegalArgumentException("an entry needs a business reference");
        }
        postings = List.copyOf(postings);
        if (postings.size() < 2) {
            throw new IllegalArgumentException("an entry has at least two postings");
        }
        var sums = new HashMap<java.util.Currency, Long>();
        for (var p : postings) {
            sums.merge(p.amount().currency(), p.amount().minor(), Math::addExact);
        }
        if (sums.values().stream().anyMatch(s -> s != 0)) {
            throw new IllegalArgumentException("unbalanced entry");
        }
        if ((kind == EntryKind.REVERSAL) != (reverses != null)) {
            throw new IllegalArgumentException("a reversal names the entry it reverses, and only a reversal does");
        }
    }

    public static JournalEntry of(UUID id, EntryKind kind, String reference, Instant postedAt, Posting... postings) {
        return new JournalEntry(id, kind, reference, List.of(postings), postedAt, null);
    }

    /** The entry that undoes this one: same accounts, opposite amounts. */
    public JournalEntry reversal(UUID newId, String reason, Instant at) {
        var legs = postings.stream()
                .map(p -> new Posting(p.account(), p.amount().negate()))
                .toList();
        return new JournalEntry(newId, EntryKind.REVERSAL, reason, legs, at, id);
    }
}

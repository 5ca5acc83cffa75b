package io.payguard.auth.profile.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A customer profile as kept: its personal fields only as ciphertext under the data key version {@code keyVersion}
 * of the data subject {@code keySubject} (the profile's own id, so erasing the subject's keys shreds the profile),
 * each bound to {@link #TABLE}, its column, the row id and the subject; and blind indexes (keyed MACs) of the fields
 * that can be searched by exact match (the phone). Clear text never enters this record: the application seals and
 * opens the fields with the platform's field encryption; the persistence adapter stores the record as it is (its
 * columns carry the data classification).
 */
public record SealedProfile(
        UUID id,
        String ownerSubject,
        String keySubject,
        int keyVersion,
        Map<ProfileField, String> ciphertexts,
        Map<ProfileField, String> blindIndexes,
        Instant createdAt,
        Instant updatedAt) {

    /** What every field is bound to when sealed and indexed (with its column): the table's name, never to change. */
    public static final String TABLE = "customer_profile";

    public SealedProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ownerSubject, "ownerSubject");
        Objects.requireNonNull(keySubject, "keySubject");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        ciphertexts = copy(ciphertexts); // a field may be absent (null): no Map.copyOf
        blindIndexes = copy(blindIndexes);
    }

    /** A new profile: nothing sealed yet (see {@link #resealed}). */
    public static SealedProfile create(UUID id, String ownerSubject, String keySubject, int keyVersion, Instant at) {
        return new SealedProfile(id, ownerSubject, keySubject, keyVersion, Map.of(), Map.of(), at, at);
    }

    /** The field's ciphertext, or null when the profile has no value for it. */
    public String ciphertext(ProfileField field) {
        return ciphertexts.get(field);
    }

    /** The field's blind index, or null (not searchable, no value, or erased). */
    public String blindIndex(ProfileField field) {
        return blindIndexes.get(field);
    }

    /** The profile with its fields sealed anew under data key version {@code version}, and their new blind indexes. */
    public SealedProfile resealed(
            int version,
            Map<ProfileField, String> newCiphertexts,
            Map<ProfileField, String> newBlindIndexes,
            Instant at) {
        return new SealedProfile(id, ownerSubject, keySubject, version, newCiphertexts, newBlindIndexes, createdAt, at);
    }

    /** Erasure: the blind indexes go (the ciphertexts become unreadable when the subject's keys are shredded). */
    public SealedProfile withoutBlindIndexes(Instant at) {
        return new SealedProfile(id, ownerSubject, keySubject, keyVersion, ciphertexts, Map.of(), createdAt, at);
    }

    /** Identity only: ciphertexts and indexes stay out of logs. */
    @Override
    public String toString() {
        return "SealedProfile[id=" + id + ", keyVersion=" + keyVersion + "]";
    }

    private static Map<ProfileField, String> copy(Map<ProfileField, String> values) {
        var copy = new EnumMap<ProfileField, String>(ProfileField.class);
        if (values != null) {
            values.forEach((field, value) -> {
                if (value != null) {
                    copy.put(field, value);
                }
            });
        }
        return Collections.unmodifiableMap(copy);
    }
}

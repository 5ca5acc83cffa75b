package io.payguard.auth.profile.application.port;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.payguard.auth.profile.domain.ProfileField;
import io.payguard.auth.profile.domain.SealedProfile;
import io.smallrye.mutiny.Uni;

/**
 * Where sealed profiles are kept. Every call runs in the caller's session or transaction (the use case, or the
 * resumable job's batch, opens it).
 */
public interface ProfileStore {

    Uni<Void> add(SealedProfile profile);

    Uni<Optional<SealedProfile>> find(UUID id);

    /** Exact match on the phone's blind index ({@link ProfileField#PHONE}), oldest profile first. */
    Uni<List<SealedProfile>> findByPhoneIndex(String blindIndex);

    /** The profiles of one owner (a customer's subject), oldest first. */
    Uni<List<SealedProfile>> findByOwner(String ownerSubject);

    /** Stores the profile's new key version, ciphertexts, blind indexes and update time. */
    Uni<Void> update(SealedProfile profile);

    /**
     * Up to {@code limit} profiles with an id after {@code after}, in id order, still sealed under an older data key
     * version than their subject's newest readable one (a rotated key; shredded subjects have none and are skipped).
     */
    Uni<List<SealedProfile>> underOlderKeyVersion(UUID after, int limit);
}

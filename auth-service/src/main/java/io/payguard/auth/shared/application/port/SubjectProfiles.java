package io.payguard.auth.shared.application.port;

import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * A data subject's customer profiles, for the privacy feature (export, correction, erasure) without depending on the
 * profile feature, which implements it.
 */
public interface SubjectProfiles {

    /** A profile in clear (the subject's own data, for their export); a field is null when absent or erased. */
    record ProfileData(UUID id, String name, String phone, String email, boolean erased) {}

    Uni<List<ProfileData>> of(String subject);

    /** Replaces the given fields (null: unchanged) of every profile of the subject; answers how many. */
    Uni<Integer> correct(String subject, String name, String phone, String email);

    /** Crypto-shreds every profile of the subject; answers how many. */
    Uni<Integer> erase(String subject);
}

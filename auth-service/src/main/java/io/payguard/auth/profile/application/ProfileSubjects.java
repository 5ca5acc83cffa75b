package io.payguard.auth.profile.application;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.shared.application.port.SubjectProfiles;
import io.smallrye.mutiny.Uni;

/** The profile feature's side of {@link SubjectProfiles}: a data subject's profiles for the privacy feature. */
@ApplicationScoped
public class ProfileSubjects implements SubjectProfiles {

    private final ProfileService profiles;

    public ProfileSubjects(ProfileService profiles) {
        this.profiles = profiles;
    }

    @Override
    public Uni<List<ProfileData>> of(String subject) {
        return profiles.ofOwner(subject)
                .map(found -> found.stream()
                        .map(p -> new ProfileData(
                                p.id(),
                                p.name().orElse(null),
                                p.phone().orElse(null),
                                p.email().orElse(null),
                                p.erased()))
                        .toList());
    }

    @Override
    public Uni<Integer> correct(String subject, String name, String phone, String email) {
        return profiles.correctOwner(subject, name, phone, email);
    }

    @Override
    public Uni<Integer> erase(String subject) {
        return profiles.eraseOwner(subject);
    }
}

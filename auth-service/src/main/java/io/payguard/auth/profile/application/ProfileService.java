package io.payguard.auth.profile.application;

import static io.payguard.auth.profile.domain.ProfileField.EMAIL;
import static io.payguard.auth.profile.domain.ProfileField.NAME;
import static io.payguard.auth.profile.domain.ProfileField.PHONE;
import static io.payguard.platform.protection.classification.DataClass.C2;

import java.time.Clock;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.profile.application.port.ProfileStore;
import io.payguard.auth.profile.domain.ProfileField;
import io.payguard.auth.profile.domain.SealedProfile;
import io.payguard.platform.protection.classification.Classified;
import io.payguard.platform.protection.classification.DataKind;
import io.payguard.platform.protection.envelope.BlindIndex;
import io.payguard.platform.protection.envelope.FieldContext;
import io.payguard.platform.protection.envelope.FieldEncryptor;
import io.payguard.platform.protection.envelope.FieldValue;
import io.payguard.platform.protection.envelope.SubjectKey;
import io.payguard.platform.protection.quarkus.KmsCalls;
import io.payguard.platform.protection.quarkus.PersonalDataAccess;
import io.payguard.platform.protection.quarkus.ResumableJobs;
import io.payguard.platform.protection.quarkus.ResumableJobs.BatchResult;
import io.payguard.platform.protection.quarkus.ResumableJobs.JobProgress;
import io.payguard.platform.protection.quarkus.SubjectKeys;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Customer profiles whose name, phone and e-mail are encrypted per profile (each profile is its own data
 * subject with its own data key), found by a phone blind index, erasable by crypto-shredding.
 */
@ApplicationScoped
public class ProfileService {

    public static final String REWRAP_JOB = "auth.rewrap-data-keys";
    public static final String REENCRYPT_JOB = "auth.reencrypt-customer-profile";
    /** PostgreSQL orders uuids as unsigned bytes: the all-zero uuid sorts first. */
    private static final UUID BEFORE_ALL = new UUID(0L, 0L);

    private static final List<String> FIELDS =
            Arrays.stream(ProfileField.values()).map(ProfileField::column).toList();

    /** A profile as read: each field is its value, absent, or erased. */
    public record Profile(
            UUID id,
            String ownerSubject,
            @Classified(level = C2, kind = DataKind.NAME) FieldValue name,
            @Classified(level = C2, kind = DataKind.PHONE) FieldValue phone,
            @Classified(level = C2, kind = DataKind.EMAIL) FieldValue email,
            int keyVersion) {
        public boolean erased() {
            return name instanceof FieldValue.Erased
                    || phone instanceof FieldValue.Erased
                    || email instanceof FieldValue.Erased;
        }
    }

    private final ProfileStore store;
    private final SubjectKeys keys;
    private final FieldEncryptor fields;
    private final BlindIndex blindIndex;
    private final PersonalDataAccess access;
    private final ResumableJobs jobs;
    private final KmsCalls kmsCalls;
    private final Clock clock;

    public ProfileService(
            ProfileStore store,
            SubjectKeys keys,
            FieldEncryptor fields,
            BlindIndex blindIndex,
            PersonalDataAccess access,
            ResumableJobs jobs,
            KmsCalls kmsCalls,
            Clock clock) {
        this.store = store;
        this.keys = keys;
        this.fields = fields;
        this.blindIndex = blindIndex;
        this.access = access;
        this.jobs = jobs;
        this.kmsCalls = kmsCalls;
        this.clock = clock;
    }

    public Uni<Profile> create(String ownerSubject, String name, String phone, String email) {
        UUID id = UUID.randomUUID();
        return phoneIndex(phone)
                .flatMap(phoneIndex -> Panache.withTransaction(() -> keys.current(id.toString())
                        .flatMap(key -> {
                            var profile = seal(
                                    SealedProfile.create(
                                            id, ownerSubject, id.toString(), key.version(), clock.instant()),
                                    key,
                                    name,
                                    phone,
                                    email,
                                    phoneIndex);
                            return store.add(profile).replaceWith(profile);
                        })
                        .flatMap(this::read)));
    }

    public Uni<Profile> get(UUID id) {
        return Panache.withSession(() -> store.find(id).flatMap(this::readIfFound));
    }

    /** Exact match on the phone's blind index: the phone itself is never compared or stored in clear. */
    public Uni<List<Profile>> findByPhone(String phone) {
        return phoneIndex(phone)
                .flatMap(index -> Panache.withSession(() -> store.findByPhoneIndex(index)
                        .flatMap(rows -> Multi.createFrom()
                                .iterable(rows)
                                .onItem()
                                .transformToUniAndConcatenate(this::read)
                                .collect()
                                .asList())));
    }

    /** Unmasked read through the kit's permission-checked, audited path. */
    public Uni<Profile> reveal(PersonalDataAccess.Accessor accessor, UUID id, String purpose) {
        return Panache.withTransaction(() -> access.reveal(
                accessor, id.toString(), FIELDS, purpose, () -> store.find(id).flatMap(this::readIfFound)));
    }

    /** Crypto-shredding: destroys the profile's data keys and its blind index. Returns false when there is no such profile. */
    public Uni<Boolean> erase(UUID id) {
        return Panache.withTransaction(() -> store.find(id).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            var erased = found.get().withoutBlindIndexes(clock.instant());
            return store.update(erased)
                    .chain(() -> keys.shred(erased.keySubject()))
                    .replaceWith(true);
        }));
    }

    /** The profiles of one owner, read (the owner's own data: for their export). */
    public Uni<List<Profile>> ofOwner(String ownerSubject) {
        return Panache.withSession(() -> store.findByOwner(ownerSubject)
                .flatMap(rows -> Multi.createFrom()
                        .iterable(rows)
                        .onItem()
                        .transformToUniAndConcatenate(this::read)
                        .collect()
                        .asList()));
    }

    /**
     * Corrects the given fields (null: unchanged) of every profile of the owner that is not erased, re-sealed under
     * the current data key; answers how many profiles changed.
     */
    public Uni<Integer> correctOwner(String ownerSubject, String name, String phone, String email) {
        return phoneIndex(phone)
                .flatMap(newIndex -> Panache.withTransaction(() -> store.findByOwner(ownerSubject)
                        .flatMap(rows -> Multi.createFrom()
                                .iterable(rows)
                                .onItem()
                                .transformToUniAndConcatenate(row -> correct(row, name, phone, email, newIndex))
                                .collect()
                                .asList()
                                .map(done -> (int) done.stream()
                                        .filter(Boolean::booleanValue)
                                        .count()))));
    }

    private Uni<Boolean> correct(SealedProfile row, String name, String phone, String email, String newIndex) {
        return keys.version(row.keySubject(), row.keyVersion()).flatMap(old -> {
            var current = new Profile(
                    row.id(),
                    row.ownerSubject(),
                    decrypt(old, row, NAME),
                    decrypt(old, row, PHONE),
                    decrypt(old, row, EMAIL),
                    row.keyVersion());
            if (current.erased()) {
                return Uni.createFrom().item(false);
            }
            return keys.current(row.keySubject()).flatMap(key -> {
                String oldPhone = current.phone().orElse(null);
                Uni<String> index = phone != null ? Uni.createFrom().item(newIndex) : phoneIndex(oldPhone);
                return index.flatMap(phoneIndex -> store.update(seal(
                                row,
                                key,
                                name != null ? name : current.name().orElse(null),
                                phone != null ? phone : oldPhone,
                                email != null ? email : current.email().orElse(null),
                                phoneIndex))
                        .replaceWith(true));
            });
        });
    }

    /** Crypto-shreds every profile of the owner; answers how many there were. */
    public Uni<Integer> eraseOwner(String ownerSubject) {
        return Panache.withTransaction(() -> store.findByOwner(ownerSubject)
                .flatMap(rows -> Multi.createFrom()
                        .iterable(rows)
                        .onItem()
                        .transformToUniAndConcatenate(row -> {
                            var erased = row.withoutBlindIndexes(clock.instant());
                            return store.update(erased).chain(() -> keys.shred(erased.keySubject()));
                        })
                        .collect()
                        .asList()
                        .map(List::size)));
    }

    /** Starts a new data key version for one profile; its rows move over with {@link #reencrypt}. */
    public Uni<Integer> rotateProfileKey(UUID id) {
        return Panache.withTransaction(() -> keys.rotate(id.toString()).map(SubjectKey::version));
    }

    /** Rotates the KMS key-encryption key, then re-wraps every data key under the new version (resumable). */
    public Uni<JobProgress> rotateKekAndRewrap(int batchSize, int maxBatches) {
        return keys.rotateKek().flatMap(version -> rewrap(batchSize, maxBatches));
    }

    public Uni<JobProgress> rewrap(int batchSize, int maxBatches) {
        return jobs.run(
                REWRAP_JOB,
                maxBatches,
                last -> keys.rewrapBatch(last, batchSize)
                        .map(done -> new BatchResult(
                                done.size(),
                                done.isEmpty()
                                        ? last
                                        : done.get(done.size() - 1).subject())));
    }

    /** Re-encrypts rows still under an older data key version of their subject, in resumable batches. */
    public Uni<JobProgress> reencrypt(int batchSize, int maxBatches) {
        return jobs.run(
                REENCRYPT_JOB,
                maxBatches,
                last -> store.underOlderKeyVersion(last == null ? BEFORE_ALL : UUID.fromString(last), batchSize)
                        .flatMap(rows -> Multi.createFrom()
                                .iterable(rows)
                                .onItem()
                                .transformToUniAndConcatenate(this::reencrypt)
                                .collect()
                                .asList()
                                .map(done -> new BatchResult(
                                        done.size(),
                                        done.isEmpty()
                                                ? last
                                                : rows.get(rows.size() - 1).id().toString()))));
    }

    public Uni<JobProgress> progress(String job) {
        return jobs.progress(job);
    }

    private Uni<SealedProfile> reencrypt(SealedProfile row) {
        // One after the other: a reactive session serves one operation at a time.
        return keys.version(row.keySubject(), row.keyVersion())
                .flatMap(old -> keys.current(row.keySubject()).flatMap(current -> {
                    String name = decrypt(old, row, NAME).orElse(null);
                    String phone = decrypt(old, row, PHONE).orElse(null);
                    String email = decrypt(old, row, EMAIL).orElse(null);
                    return phoneIndex(phone).flatMap(phoneIndex -> {
                        var resealed = seal(row, current, name, phone, email, phoneIndex);
                        return store.update(resealed).replaceWith(resealed);
                    });
                }));
    }

    /** The phone's blind index (a KMS MAC: a Vault call with kms=vault, so made through {@link KmsCalls}); null for no phone. */
    private Uni<String> phoneIndex(String phone) {
        return phone == null
                ? Uni.createFrom().nullItem()
                : kmsCalls.call(
                        () -> blindIndex.of(SealedProfile.TABLE, PHONE.column(), BlindIndex.normalisePhone(phone)));
    }

    /** Encrypts with a key from {@link SubjectKeys} (ready: no KMS call); the phone's index comes from {@link #phoneIndex}. */
    private SealedProfile seal(
            SealedProfile row, SubjectKey key, String name, String phone, String email, String phoneIndex) {
        var ciphertexts = new EnumMap<ProfileField, String>(ProfileField.class);
        ciphertexts.put(NAME, fields.encrypt(key, context(row, NAME), name));
        ciphertexts.put(PHONE, fields.encrypt(key, context(row, PHONE), phone));
        ciphertexts.put(EMAIL, fields.encrypt(key, context(row, EMAIL), email));
        var blindIndexes = new EnumMap<ProfileField, String>(ProfileField.class);
        blindIndexes.put(PHONE, phoneIndex);
        return row.resealed(key.version(), ciphertexts, blindIndexes, clock.instant());
    }

    private Uni<Profile> readIfFound(Optional<SealedProfile> found) {
        return found.isEmpty() ? Uni.createFrom().nullItem() : read(found.get());
    }

    private Uni<Profile> read(SealedProfile row) {
        return keys.version(row.keySubject(), row.keyVersion())
                .map(key -> new Profile(
                        row.id(),
                        row.ownerSubject(),
                        decrypt(key, row, NAME),
                        decrypt(key, row, PHONE),
                        decrypt(key, row, EMAIL),
                        row.keyVersion()));
    }

    private FieldValue decrypt(SubjectKey key, SealedProfile row, ProfileField field) {
        return fields.decrypt(key, context(row, field), row.ciphertext(field));
    }

    private static FieldContext context(SealedProfile row, ProfileField field) {
        return new FieldContext(SealedProfile.TABLE, field.column(), row.id().toString(), row.keySubject());
    }
}

package io.payguard.platform.protection.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.payguard.platform.protection.kms.KmsException;
import io.payguard.platform.protection.kms.local.LocalKeyManagementService;

class EnvelopeEncryptionTest {

    @TempDir
    Path dir;

    CountingKms kms;
    SubjectKeyring keyring;
    FieldEncryptor fields;
    final FieldContext phoneOfRow1 = new FieldContext("customer_profile", "phone", "row-1", "alice");

    @BeforeEach
    void setUp() {
        byte[] master = new byte[32];
        new SecureRandom().nextBytes(master);
        kms = new CountingKms(new LocalKeyManagementService(dir, master, new SecureRandom()));
        keyring = new SubjectKeyring(kms, "pii-kek", 1000);
        fields = new FieldEncryptor(keyring);
    }

    @Test
    void encryptsAFieldBoundToItsRowColumnAndSubject() {
        SubjectKey key = keyring.create("alice", 1);
        String stored = fields.encrypt(key, phoneOfRow1, "13812345678");

        assertThat(stored).startsWith("pg1.1.").doesNotContain("13812345678");
        assertThat(fields.encrypt(key, phoneOfRow1, "13812345678")).isNotEqualTo(stored);
        assertThat(fields.decrypt(key, phoneOfRow1, stored)).isEqualTo(new FieldValue.Plain("13812345678"));
        assertThatThrownBy(() ->
                        fields.decrypt(key, new FieldContext("customer_profile", "phone", "row-2", "alice"), stored))
                .isInstanceOf(KmsException.class)
                .hasMessageNotContaining("13812345678");
        assertThatThrownBy(() ->
                        fields.decrypt(key, new FieldContext("customer_profile", "email", "row-1", "alice"), stored))
                .isInstanceOf(KmsException.class);
        assertThat(fields.decrypt(key, phoneOfRow1, null)).isInstanceOf(FieldValue.Absent.class);
    }

    @Test
    void theKmsIsOffTheHotPathOnceAKeyIsCached() {
        SubjectKey key = keyring.create("alice", 1);
        String stored = fields.encrypt(key, phoneOfRow1, "13812345678");
        var freshKeyring = new SubjectKeyring(kms, "pii-kek", 1000);
        var freshFields = new FieldEncryptor(freshKeyring);
        int before = kms.decrypts.get();

        for (int i = 0; i < 100; i++) {
            freshFields.decrypt(key, phoneOfRow1, stored);
            freshFields.encrypt(key, phoneOfRow1, "13812345678");
        }
        assertThat(kms.decrypts.get() - before).as("one unwrap, then the cache").isEqualTo(1);
    }

    @Test
    void kekRotationRewrapsDataKeysWithoutTouchingCiphertexts() {
        SubjectKey key = keyring.create("alice", 1);
        String stored = fields.encrypt(key, phoneOfRow1, "13812345678");
        kms.rotate("pii-kek");

        assertThat(keyring.needsRewrap(key)).isTrue();
        SubjectKey rewrapped = keyring.rewrap(key);
        assertThat(rewrapped.kekVersion()).isEqualTo(2);
        assertThat(keyring.needsRewrap(rewrapped)).isFalse();
        var coldFields = new FieldEncryptor(new SubjectKeyring(kms, "pii-kek", 10));
        assertThat(coldFields.decrypt(rewrapped, phoneOfRow1, stored).orElse(null))
                .isEqualTo("13812345678");
    }

    @Test
    void destroyingTheSubjectKeyErasesItsDataAndReadingSaysSo() {
        SubjectKey key = keyring.create("alice", 1);
        String stored = fields.encrypt(key, phoneOfRow1, "13812345678");
        keyring.forget("alice");

        assertThat(fields.decrypt(key.shredded(), phoneOfRow1, stored)).isEqualTo(new FieldValue.Erased("alice"));
        assertThat(fields.decrypt(null, phoneOfRow1, stored)).isEqualTo(new FieldValue.Erased("alice"));
    }

    @Test
    void blindIndexMatchesNormalisedValuesPerColumn() {
        var index = new BlindIndex(kms, "bidx");
        String a = index.of("customer_profile", "phone", BlindIndex.normalisePhone("+86 138-1234-5678"));
        String b = index.of("customer_profile", "phone", BlindIndex.normalisePhone("13812345678"));

        assertThat(a).isEqualTo(b).doesNotContain("13812345678");
        assertThat(index.of("customer_profile", "mobile", "13812345678")).isNotEqualTo(a);
        assertThat(index.of("customer_profile", "phone", "13812345679")).isNotEqualTo(a);
    }

    /** Counts KMS unwraps to prove the cache keeps the KMS off the hot path. */
    static final class CountingKms extends ForwardingKms {
        final AtomicInteger decrypts = new AtomicInteger();

        CountingKms(io.payguard.platform.protection.kms.KeyManagementService delegate) {
            super(delegate);
        }

        @Override
        public byte[] decrypt(String keyName, byte[] ciphertext, byte[] associatedData) {
            decrypts.incrementAndGet();
            return super.decrypt(keyName, ciphertext, associatedData);
        }
    }
}

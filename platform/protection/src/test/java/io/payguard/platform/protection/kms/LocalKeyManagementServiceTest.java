package io.payguard.platform.protection.kms;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.payguard.platform.protection.kms.local.LocalKeyManagementService;
import io.payguard.platform.protection.kms.local.LocalMasterKey;

class LocalKeyManagementServiceTest {

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();
    private final byte[] master = new byte[32];

    LocalKeyManagementService kms() {
        return new LocalKeyManagementService(dir, master, random);
    }

    {
        random.nextBytes(master);
    }

    @Test
    void encryptsWithAssociatedDataAndSurvivesRestart() throws Exception {
        var kms = kms();
        byte[] ct = kms.encrypt("kek", "secret".getBytes(UTF_8), "ad".getBytes(UTF_8));

        assertThat(new String(kms().decrypt("kek", ct, "ad".getBytes(UTF_8)), UTF_8))
                .isEqualTo("secret");
        assertThatThrownBy(() -> kms.decrypt("kek", ct, "other".getBytes(UTF_8)))
                .isInstanceOf(KmsException.class);
        String file = Files.readString(dir.resolve("kek.keyset.json"));
        assertThat(file).startsWith("AEAD").contains("encryptedKeyset").doesNotContain("keyValue");
    }

    @Test
    void aWrongMasterKeyCannotOpenTheKeyring() {
        kms().ensureKey("kek", KeyPurpose.AEAD);
        byte[] other = new byte[32];
        var stranger = new LocalKeyManagementService(dir, other, random);
        assertThatThrownBy(() -> stranger.describe("kek"))
                .isInstanceOf(KmsException.class)
                .hasMessageContaining("master key");
    }

    @Test
    void rotationAddsAVersionAndOldCiphertextsStillDecryptAndRewrap() {
        var kms = kms();
        byte[] v1 = kms.encrypt("kek", "x".getBytes(UTF_8), null);
        assertThat(kms.rotate("kek").currentVersion()).isEqualTo(2);
        byte[] v2 = kms.encrypt("kek", "y".getBytes(UTF_8), null);

        assertThat(kms.versionOf("kek", v1)).isEqualTo(1);
        assertThat(kms.versionOf("kek", v2)).isEqualTo(2);
        assertThat(kms().decrypt("kek", v1, null)).isEqualTo("x".getBytes(UTF_8));
        byte[] rewrapped = kms.rewrap("kek", v1, null);
        assertThat(kms.versionOf("kek", rewrapped)).isEqualTo(2);
        assertThat(kms.decrypt("kek", rewrapped, null)).isEqualTo("x".getBytes(UTF_8));
    }

    @Test
    void dataKeysAreFreshAndWrapped() {
        var kms = kms();
        DataKey a = kms.generateDataKey("kek", "s1".getBytes(UTF_8));
        DataKey b = kms.generateDataKey("kek", "s1".getBytes(UTF_8));
        assertThat(a.plaintext()).hasSize(32).isNotEqualTo(b.plaintext());
        assertThat(kms.decrypt("kek", a.wrapped(), "s1".getBytes(UTF_8))).isEqualTo(a.plaintext());
        assertThat(a.toString()).doesNotContain(Base64.getEncoder().encodeToString(a.plaintext()));
    }

    @Test
    void macIsDeterministicPerKeyAndSignaturesVerify() {
        var kms = kms();
        kms.ensureKey("bidx", KeyPurpose.MAC);
        assertThat(kms.mac("bidx", "13812345678".getBytes(UTF_8)))
                .isEqualTo(kms().mac("bidx", "13812345678".getBytes(UTF_8)))
                .isNotEqualTo(kms.mac("bidx", "13812345679".getBytes(UTF_8)));

        kms.ensureKey("audit-sign", KeyPurpose.SIGN);
        byte[] signature = kms.sign("audit-sign", "checkpoint".getBytes(UTF_8));
        assertThat(kms().verify("audit-sign", "checkpoint".getBytes(UTF_8), signature))
                .isTrue();
        assertThat(kms.verify("audit-sign", "checkpoinT".getBytes(UTF_8), signature))
                .isFalse();
        assertThatThrownBy(() -> kms.encrypt("bidx", new byte[1], null)).hasMessageContaining("MAC key");
    }

    @Test
    void eachSigningVersionHasAPublicKeyThatChecksItsPlainSignaturesWithoutTheKms() throws Exception {
        var kms = kms();
        kms.ensureKey("checkpoints", KeyPurpose.SIGN);
        byte[] v1 = kms.publicKey("checkpoints", 1);
        byte[] signature = kms.signWithVersion("checkpoints", 1, "head".getBytes(UTF_8));
        assertThat(signature).hasSize(64);
        assertThat(jdkVerifies(v1, "head", signature)).isTrue();
        assertThat(jdkVerifies(v1, "heaD", signature)).isFalse();

        kms.rotate("checkpoints");
        byte[] v2 = kms().publicKey("checkpoints", 2);
        assertThat(v2).isNotEqualTo(v1);
        assertThat(jdkVerifies(v1, "head", kms().signWithVersion("checkpoints", 1, "head".getBytes(UTF_8))))
                .isTrue();
        assertThat(jdkVerifies(v2, "head", kms().signWithVersion("checkpoints", 2, "head".getBytes(UTF_8))))
                .isTrue();
        assertThatThrownBy(() -> kms.signWithVersion("checkpoints", 3, new byte[1]))
                .hasMessageContaining("no version 3");
        kms.ensureKey("kek", KeyPurpose.AEAD);
        assertThatThrownBy(() -> kms.publicKey("kek", 1)).hasMessageContaining("not SIGN");
    }

    private static boolean jdkVerifies(byte[] x509, String data, byte[] signature) throws Exception {
        var verifier = java.security.Signature.getInstance("Ed25519");
        verifier.initVerify(java.security.KeyFactory.getInstance("Ed25519")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(x509)));
        verifier.update(data.getBytes(UTF_8));
        return verifier.verify(signature);
    }

    @Test
    void aDestroyedKeyIsGoneAndIsNeverRecreated() {
        var kms = kms();
        byte[] ct = kms.encrypt("subject-kek", "x".getBytes(UTF_8), null);
        kms.destroy("subject-kek");

        assertThat(dir.resolve("subject-kek.keyset.json")).doesNotExist();
        assertThatThrownBy(() -> kms.decrypt("subject-kek", ct, null)).isInstanceOf(KeyDestroyedException.class);
        assertThatThrownBy(() -> kms().ensureKey("subject-kek", KeyPurpose.AEAD))
                .isInstanceOf(KeyDestroyedException.class);
    }

    @Test
    void masterKeyComesFromConfigOrAGeneratedFileOnlyWhenAllowed() {
        String configured = Base64.getEncoder().encodeToString(master);
        assertThat(LocalMasterKey.resolve(Optional.of(configured), dir, false, random)
                        .key())
                .isEqualTo(master);
        assertThatThrownBy(() -> LocalMasterKey.resolve(Optional.empty(), dir, false, random))
                .hasMessageContaining("PAYGUARD_KMS_LOCAL_MASTER_KEY");
        assertThatThrownBy(() -> LocalMasterKey.resolve(Optional.of("c2hvcnQ="), dir, false, random))
                .hasMessageContaining("32 bytes");
        var generated = LocalMasterKey.resolve(Optional.empty(), dir, true, random);
        assertThat(generated.generatedBesideKeys()).isTrue();
        assertThat(LocalMasterKey.resolve(Optional.empty(), dir, true, random).key())
                .isEqualTo(generated.key());
    }
}

package io.payguard.platform.protection.vault;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.UUID;

import io.payguard.platform.protection.envelope.FieldContext;
import io.payguard.platform.protection.envelope.FieldEncryptor;
import io.payguard.platform.protection.envelope.FieldValue;
import io.payguard.platform.protection.envelope.SubjectKeyring;
import io.payguard.platform.protection.kms.KeyDestroyedException;
import io.payguard.platform.protection.kms.KeyManagementService;
import io.payguard.platform.protection.kms.KeyPurpose;
import io.payguard.platform.protection.kms.KmsException;

/** What the kit does on Vault Transit, run against whichever Vault a test has: real, in a container, or the stand-in. */
final class VaultKitScenario {

    private VaultKitScenario() {}

    static void run(KeyManagementService kms) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String kek = "payguard-test-kek-" + suffix;

        var keyring = new SubjectKeyring(kms, kek, 100);
        var fields = new FieldEncryptor(keyring);
        var key = keyring.create("alice", 1);
        var context = new FieldContext("customer_profile", "phone", "row-1", "alice");
        String stored = fields.encrypt(key, context, "13812345678");
        assertThat(stored).doesNotContain("13812345678");
        assertThat(new FieldEncryptor(new SubjectKeyring(kms, kek, 100)).decrypt(key, context, stored))
                .isEqualTo(new FieldValue.Plain("13812345678"));

        assertThat(kms.rotate(kek).currentVersion()).isEqualTo(2);
        var rewrapped = keyring.rewrap(key);
        assertThat(rewrapped.kekVersion()).isEqualTo(2);
        assertThatThrownBy(() -> kms.decrypt(kek, key.wrapped(), "other".getBytes(UTF_8)))
                .isInstanceOf(KmsException.class);

        String bidx = "payguard-test-bidx-" + suffix;
        kms.ensureKey(bidx, KeyPurpose.MAC);
        assertThat(kms.mac(bidx, "x".getBytes(UTF_8)))
                .hasSize(32)
                .isEqualTo(kms.mac(bidx, "x".getBytes(UTF_8)))
                .isNotEqualTo(kms.mac(bidx, "y".getBytes(UTF_8)));

        String sign = "payguard-test-sign-" + suffix;
        kms.ensureKey(sign, KeyPurpose.SIGN);
        byte[] signature = kms.sign(sign, "checkpoint".getBytes(UTF_8));
        assertThat(kms.verify(sign, "checkpoint".getBytes(UTF_8), signature)).isTrue();
        assertThat(kms.verify(sign, "checkpoinT".getBytes(UTF_8), signature)).isFalse();

        // A version's public key checks that version's plain signatures with the JDK alone, also after a rotation.
        byte[] v1 = kms.publicKey(sign, 1);
        byte[] plain = kms.signWithVersion(sign, 1, "head".getBytes(UTF_8));
        assertThat(plain).hasSize(64);
        assertThat(jdkVerifies(v1, "head", plain)).isTrue();
        assertThat(jdkVerifies(v1, "heaD", plain)).isFalse();
        assertThat(kms.rotate(sign).currentVersion()).isEqualTo(2);
        byte[] v2 = kms.publicKey(sign, 2);
        assertThat(v2).isNotEqualTo(v1);
        assertThat(jdkVerifies(v2, "head", kms.signWithVersion(sign, 2, "head".getBytes(UTF_8))))
                .isTrue();
        assertThat(jdkVerifies(v1, "head", kms.signWithVersion(sign, 1, "head".getBytes(UTF_8))))
                .isTrue();

        kms.destroy(kek);
        assertThatThrownBy(() -> kms.ensureKey(kek, KeyPurpose.AEAD)).isInstanceOf(KeyDestroyedException.class);
    }

    static boolean jdkVerifies(byte[] x509, String data, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509)));
        verifier.update(data.getBytes(UTF_8));
        return verifier.verify(signature);
    }
}

package io.payguard.platform.protection.vault;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import io.payguard.platform.protection.envelope.FieldContext;
import io.payguard.platform.protection.envelope.FieldEncryptor;
import io.payguard.platform.protection.envelope.FieldValue;
import io.payguard.platform.protection.envelope.SubjectKeyring;
import io.payguard.platform.protection.kms.KeyDestroyedException;
import io.payguard.platform.protection.kms.KeyPurpose;
import io.payguard.platform.protection.kms.KmsException;

/**
 * Against a real Vault, only when {@code VAULT_ADDR} (and {@code VAULT_TOKEN}) are set; needs a Transit engine
 * at {@code transit/} and KV v2 at {@code secret/} ({@code vault secrets enable transit}). Skipped otherwise.
 */
@EnabledIfEnvironmentVariable(named = "VAULT_ADDR", matches = ".+",
        disabledReason = "no real Vault: set VAULT_ADDR and VAULT_TOKEN (transit/ and KV v2 secret/ mounted) to run it")
class RealVaultTest {

    @Test
    void theKitWorksEndToEndOnVaultTransit() {
        var kms = VaultKms.create(System.getenv("VAULT_ADDR"), Optional.ofNullable(System.getenv("VAULT_TOKEN")), Optional.empty(),
                Path.of("/nonexistent"), "transit", "secret", Duration.ofSeconds(10));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String kek = "payguard-test-kek-" + suffix;

        var keyring = new SubjectKeyring(kms, kek, 100);
        var fields = new FieldEncryptor(keyring);
        var key = keyring.create("alice", 1);
        var context = new FieldContext("customer_profile", "phone", "row-1", "alice");
        String stored = fields.encrypt(key, context, "13812345678");
        assertThat(new FieldEncryptor(new SubjectKeyring(kms, kek, 100)).decrypt(key, context, stored)).isEqualTo(new FieldValue.Plain("13812345678"));

        assertThat(kms.rotate(kek).currentVersion()).isEqualTo(2);
        var rewrapped = keyring.rewrap(key);
        assertThat(rewrapped.kekVersion()).isEqualTo(2);
        assertThatThrownBy(() -> kms.decrypt(kek, key.wrapped(), "other".getBytes(UTF_8))).isInstanceOf(KmsException.class);

        kms.ensureKey("payguard-test-bidx-" + suffix, KeyPurpose.MAC);
        assertThat(kms.mac("payguard-test-bidx-" + suffix, "x".getBytes(UTF_8))).isEqualTo(kms.mac("payguard-test-bidx-" + suffix, "x".getBytes(UTF_8)));
        kms.ensureKey("payguard-test-sign-" + suffix, KeyPurpose.SIGN);
        byte[] signature = kms.sign("payguard-test-sign-" + suffix, "checkpoint".getBytes(UTF_8));
        assertThat(kms.verify("payguard-test-sign-" + suffix, "checkpoint".getBytes(UTF_8), signature)).isTrue();

        kms.destroy(kek);
        assertThatThrownBy(() -> kms.ensureKey(kek, KeyPurpose.AEAD)).isInstanceOf(KeyDestroyedException.class);
    }
}

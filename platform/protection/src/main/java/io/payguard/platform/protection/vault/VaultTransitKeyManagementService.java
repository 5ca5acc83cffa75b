package io.payguard.platform.protection.vault;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.payguard.platform.protection.kms.DataKey;
import io.payguard.platform.protection.kms.Ed25519Keys;
import io.payguard.platform.protection.kms.KeyDestroyedException;
import io.payguard.platform.protection.kms.KeyInfo;
import io.payguard.platform.protection.kms.KeyManagementService;
import io.payguard.platform.protection.kms.KeyPurpose;
import io.payguard.platform.protection.kms.KmsException;
import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.VaultClientException;
import io.quarkus.vault.client.api.common.VaultHashAlgorithm;
import io.quarkus.vault.client.api.secrets.kv2.VaultSecretsKV2;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransit;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitCreateKeyParams;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitDecryptParams;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitEncryptParams;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitKeyInfo;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitKeyType;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitRewrapParams;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitRotateKeyParams;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitSignParams;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitUpdateKeyParams;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitVerifyParams;
import io.vertx.core.Context;

/**
 * The KMS port on Vault Transit: keys never leave Vault; encrypt, decrypt, rewrap, HMAC, sign and verify are
 * Vault calls. Data keys are drawn locally and wrapped by Transit with associated data (Transit's own
 * datakey endpoint cannot bind associated data). Destroyed key names are recorded in KV v2
 * ({@code <kv mount>/payguard/kms/destroyed/<name>}) so they are never silently re-created.
 *
 * <p>Calls block on Vault ({@link #remote()}): reactive code reaches them through the kit's {@code quarkus.KmsCalls}, on a
 * worker thread. Called on a Vert.x event loop (Quarkus' I/O threads), a call is refused with a {@link KmsException} before
 * anything is sent, as Quarkus refuses blocking JDBC there: a loop waiting on Vault stops every request it serves, which
 * is worse than one failed request, and the refusal names the path that needs {@code KmsCalls}.
 */
public final class VaultTransitKeyManagementService implements KeyManagementService {

    private static final Pattern VAULT_CIPHERTEXT = Pattern.compile("^vault:v(\\d+):");
    private static final String TOMBSTONES = "payguard/kms/destroyed/";

    private final VaultClient client;
    private final VaultSecretsTransit transit;
    private final VaultSecretsKV2 kv;
    private final SecureRandom random;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public VaultTransitKeyManagementService(
            VaultClient client, String transitMount, String kvMount, SecureRandom random) {
        this.client = client;
        this.transit = client.secrets().transit(transitMount);
        this.kv = client.secrets().kv2(kvMount);
        this.random = random;
    }

    @Override
    public String provider() {
        return "vault";
    }

    /** Each call waits for Vault's answer on the calling thread. */
    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public KeyInfo ensureKey(String keyName, KeyPurpose purpose) {
        refuseOnEventLoop("ensureKey " + keyName);
        VaultSecretsTransitKeyInfo info = read(keyName);
        if (info == null) {
            if (destroyed(keyName)) {
                throw new KeyDestroyedException(keyName);
            }
            await(
                    transit.createKey(keyName, new VaultSecretsTransitCreateKeyParams().setType(type(purpose))),
                    "create key " + keyName);
            info = read(keyName);
            if (info == null) {
                throw new KmsException("Vault did not create key " + keyName);
            }
        }
        known.add(keyName);
        return new KeyInfo(keyName, purpose(info.getType()), info.getLatestVersion());
    }

    @Override
    public KeyInfo describe(String keyName) {
        refuseOnEventLoop("describe " + keyName);
        VaultSecretsTransitKeyInfo info = read(keyName);
        if (info == null) {
            throw destroyed(keyName) ? new KeyDestroyedException(keyName) : new KmsException("no key named " + keyName);
        }
        return new KeyInfo(keyName, purpose(info.getType()), info.getLatestVersion());
    }

    @Override
    public byte[] encrypt(String keyName, byte[] plaintext, byte[] associatedData) {
        refuseOnEventLoop("encrypt " + keyName);
        ensureKnown(keyName, KeyPurpose.AEAD);
        var params =
                new VaultSecretsTransitEncryptParams().setPlaintext(plaintext).setAssociatedData(associatedData);
        return await(transit.encrypt(keyName, params), "encrypt under " + keyName)
                .getCiphertext()
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] decrypt(String keyName, byte[] ciphertext, byte[] associatedData) {
        refuseOnEventLoop("decrypt " + keyName);
        var params = new VaultSecretsTransitDecryptParams()
                .setCiphertext(new String(ciphertext, StandardCharsets.UTF_8))
                .setAssociatedData(associatedData);
        return await(transit.decrypt(keyName, params), "decrypt under " + keyName);
    }

    @Override
    public DataKey generateDataKey(String keyName, byte[] associatedData) {
        return DataKey.generate(this, keyName, associatedData, random);
    }

    @Override
    public byte[] rewrap(String keyName, byte[] ciphertext, byte[] associatedData) {
        refuseOnEventLoop("rewrap " + keyName);
        // Transit's rewrap endpoint takes no associated data, so AEAD-bound values go through decrypt + encrypt inside
        // the adapter.
        if (associatedData != null) {
            return KeyManagementService.super.rewrap(keyName, ciphertext, associatedData);
        }
        var params =
                new VaultSecretsTransitRewrapParams().setCiphertext(new String(ciphertext, StandardCharsets.UTF_8));
        return await(transit.rewrap(keyName, params), "rewrap under " + keyName)
                .getCiphertext()
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int versionOf(String keyName, byte[] ciphertext) {
        Matcher matcher = VAULT_CIPHERTEXT.matcher(
                new String(ciphertext, 0, Math.min(ciphertext.length, 24), StandardCharsets.US_ASCII));
        if (!matcher.find()) {
            throw new KmsException("not a Vault Transit ciphertext of " + keyName);
        }
        return Integer.parseInt(matcher.group(1));
    }

    @Override
    public byte[] mac(String keyName, byte[] data) {
        refuseOnEventLoop("mac " + keyName);
        ensureKnown(keyName, KeyPurpose.MAC);
        // The bare 32-byte HMAC, as the local adapter's: Vault's "vault:v<n>:<base64>" framing would not fit the
        // blind-index columns sized for it (auth-service phone_bidx VARCHAR(64)).
        String framed = await(transit.hmac(keyName, VaultHashAlgorithm.SHA2_256, data, null), "hmac with " + keyName);
        Matcher matcher = VAULT_CIPHERTEXT.matcher(framed);
        if (!matcher.find()) {
            throw new KmsException("Vault returned an HMAC of " + keyName + " without its version prefix");
        }
        return Base64.getDecoder().decode(framed.substring(matcher.end()));
    }

    @Override
    public byte[] sign(String keyName, byte[] data) {
        refuseOnEventLoop("sign " + keyName);
        ensureKnown(keyName, KeyPurpose.SIGN);
        return await(transit.sign(keyName, new VaultSecretsTransitSignParams().setInput(data)), "sign with " + keyName)
                .getSignature()
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean verify(String keyName, byte[] data, byte[] signature) {
        refuseOnEventLoop("verify " + keyName);
        var params = new VaultSecretsTransitVerifyParams()
                .setInput(data)
                .setSignature(new String(signature, StandardCharsets.UTF_8));
        return Boolean.TRUE.equals(await(transit.verify(keyName, params), "verify with " + keyName));
    }

    @Override
    public byte[] publicKey(String keyName, int version) {
        refuseOnEventLoop("publicKey " + keyName);
        VaultSecretsTransitKeyInfo info = read(keyName);
        if (info == null) {
            throw destroyed(keyName) ? new KeyDestroyedException(keyName) : new KmsException("no key named " + keyName);
        }
        if (!VaultSecretsTransitKeyType.ED25519.equals(info.getType())) {
            throw new KmsException("key " + keyName + " is not an ed25519 key");
        }
        var entry = info.getKeys() == null ? null : info.getKeys().get(Integer.toString(version));
        if (entry == null || entry.getPublicKey() == null) {
            throw new KmsException("Vault returned no public key for " + keyName + " v" + version);
        }
        return Ed25519Keys.x509(Base64.getDecoder().decode(entry.getPublicKey()));
    }

    @Override
    public byte[] signWithVersion(String keyName, int version, byte[] data) {
        refuseOnEventLoop("signWithVersion " + keyName);
        String signature = await(
                        transit.sign(
                                keyName,
                                new VaultSecretsTransitSignParams()
                                        .setInput(data)
                                        .setKeyVersion(version)),
                        "sign with " + keyName + " v" + version)
                .getSignature();
        String prefix = "vault:v" + version + ":";
        if (signature == null || !signature.startsWith(prefix)) {
            throw new KmsException("Vault signed " + keyName + " with another version than v" + version);
        }
        return Base64.getDecoder().decode(signature.substring(prefix.length()));
    }

    /** Asks Vault who the client is: logs in (Kubernetes auth) and proves the token is accepted. */
    void checkLogin(String url) {
        refuseOnEventLoop("login check");
        try {
            client.auth().token().lookupSelf().toCompletableFuture().join();
        } catch (CompletionException e) {
            String status =
                    e.getCause() instanceof VaultClientException vault ? " (HTTP " + vault.getStatus() + ")" : "";
            throw new KmsException(
                    "Vault at " + url + " refused the KMS login" + status + ": check payguard.kms.vault.token or "
                            + "payguard.kms.vault.kubernetes-role and the service account token",
                    e.getCause());
        }
    }

    @Override
    public KeyInfo rotate(String keyName) {
        refuseOnEventLoop("rotate " + keyName);
        await(transit.rotateKey(keyName, new VaultSecretsTransitRotateKeyParams()), "rotate " + keyName);
        return describe(keyName);
    }

    @Override
    public void destroy(String keyName) {
        refuseOnEventLoop("destroy " + keyName);
        await(
                kv.updateSecret(TOMBSTONES + keyName, null, Map.of("destroyed", "true")),
                "record destruction of " + keyName);
        await(
                transit.updateKey(keyName, new VaultSecretsTransitUpdateKeyParams().setDeletionAllowed(true)),
                "allow deletion of " + keyName);
        await(transit.deleteKey(keyName), "delete " + keyName);
        known.remove(keyName);
    }

    private void ensureKnown(String keyName, KeyPurpose purpose) {
        if (!known.contains(keyName)) {
            ensureKey(keyName, purpose);
        }
    }

    private VaultSecretsTransitKeyInfo read(String keyName) {
        try {
            return transit.readKey(keyName).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof VaultClientException vault
                    && Integer.valueOf(404).equals(vault.getStatus())) {
                return null;
            }
            throw new KmsException("Vault: cannot read key " + keyName, e.getCause());
        }
    }

    private boolean destroyed(String keyName) {
        try {
            kv.readSecret(TOMBSTONES + keyName).toCompletableFuture().join();
            return true;
        } catch (CompletionException e) {
            if (e.getCause() instanceof VaultClientException vault
                    && Integer.valueOf(404).equals(vault.getStatus())) {
                return false;
            }
            throw new KmsException("Vault: cannot read the destruction record of " + keyName, e.getCause());
        }
    }

    private static <T> T await(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof VaultClientException vault) {
                throw new KmsException("Vault: " + what + " failed (HTTP " + vault.getStatus() + ")", vault);
            }
            throw new KmsException("Vault: " + what + " failed", cause);
        }
    }

    /** Vert.x event loops (Quarkus' I/O threads) may not wait; any other thread may. */
    private static void refuseOnEventLoop(String what) {
        if (Context.isOnEventLoopThread()) {
            throw new KmsException("Vault: " + what + " refused on event loop thread "
                    + Thread.currentThread().getName()
                    + ": a Vault round trip would stop every request of the loop; call the KMS through KmsCalls");
        }
    }

    private static VaultSecretsTransitKeyType type(KeyPurpose purpose) {
        return switch (purpose) {
            case AEAD -> VaultSecretsTransitKeyType.AES256_GCM96;
            case MAC -> VaultSecretsTransitKeyType.HMAC;
            case SIGN -> VaultSecretsTransitKeyType.ED25519;
        };
    }

    private static KeyPurpose purpose(VaultSecretsTransitKeyType type) {
        if (VaultSecretsTransitKeyType.HMAC.equals(type)) {
            return KeyPurpose.MAC;
        }
        if (VaultSecretsTransitKeyType.ED25519.equals(type)
                || String.valueOf(type == null ? "" : type.getValue()).matches("ecdsa.*|rsa.*")) {
            return KeyPurpose.SIGN;
        }
        return KeyPurpose.AEAD;
    }
}

package io.payguard.platform.protection.kms.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import com.google.crypto.tink.signature.SignatureConfig;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Ed25519Sign;

import io.payguard.platform.protection.kms.DataKey;
import io.payguard.platform.protection.kms.Ed25519Keys;
import io.payguard.platform.protection.kms.KeyDestroyedException;
import io.payguard.platform.protection.kms.KeyInfo;
import io.payguard.platform.protection.kms.KeyManagementService;
import io.payguard.platform.protection.kms.KeyPurpose;
import io.payguard.platform.protection.kms.KmsException;

/**
 * The embedded KMS: one Tink keyset per key name in {@code directory}, each file encrypted (AES-256-GCM)
 * under a master key that is not stored with it, with the key name and purpose as associated data so files
 * cannot be swapped. Key versions are keyset entries; rotation adds a primary entry; destruction
 * overwrites and deletes the file and leaves a tombstone so the name is never re-created.
 *
 * <p>Trust model: whoever holds both the directory and the master key holds every key. This adapter is for
 * development, tests and single-node installations; production uses Vault Transit, where keys never leave
 * Vault. Keys live in process memory while in use.
 */
public final class LocalKeyManagementService implements KeyManagementService {

    private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int TINK_PREFIX = 5;

    static {
        try {
            AeadConfig.register();
            MacConfig.register();
            SignatureConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private record Entry(KeyPurpose purpose, KeysetHandle handle, Object primitive, Object verifier) {}

    private final Path directory;
    private final Aead master;
    private final SecureRandom random;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public LocalKeyManagementService(Path directory, byte[] masterKey, SecureRandom random) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("the local KMS master key must be 32 bytes (256 bits)");
        }
        this.directory = directory;
        this.random = random;
        try {
            this.master = new AesGcmJce(masterKey);
            Files.createDirectories(directory);
        } catch (GeneralSecurityException e) {
            throw new KmsException("cannot use the master key", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String provider() {
        return "local";
    }

    @Override
    public KeyInfo ensureKey(String keyName, KeyPurpose purpose) {
        Entry entry = load(keyName, purpose);
        if (entry.purpose() != purpose) {
            throw new KmsException("key " + keyName + " is a " + entry.purpose() + " key, not " + purpose);
        }
        return info(keyName, entry);
    }

    @Override
    public KeyInfo describe(String keyName) {
        return info(keyName, load(keyName, null));
    }

    @Override
    public byte[] encrypt(String keyName, byte[] plaintext, byte[] associatedData) {
        try {
            return primitive(keyName, KeyPurpose.AEAD, Aead.class).encrypt(plaintext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new KmsException("encryption under " + keyName + " failed", e);
        }
    }

    @Override
    public byte[] decrypt(String keyName, byte[] ciphertext, byte[] associatedData) {
        try {
            return primitive(keyName, KeyPurpose.AEAD, Aead.class).decrypt(ciphertext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new KmsException(
                    "decryption under " + keyName + " failed (wrong key, associated data or tampered ciphertext)", e);
        }
    }

    @Override
    public DataKey generateDataKey(String keyName, byte[] associatedData) {
        return DataKey.generate(this, keyName, associatedData, random);
    }

    @Override
    public int versionOf(String keyName, byte[] ciphertext) {
        if (ciphertext.length < TINK_PREFIX) {
            throw new KmsException("not a ciphertext of " + keyName);
        }
        int keyId = ((ciphertext[1] & 0xff) << 24)
                | ((ciphertext[2] & 0xff) << 16)
                | ((ciphertext[3] & 0xff) << 8)
                | (ciphertext[4] & 0xff);
        KeysetHandle handle = load(keyName, null).handle();
        for (int i = 0; i < handle.size(); i++) {
            if (handle.getAt(i).getId() == keyId) {
                return i + 1;
            }
        }
        throw new KmsException("ciphertext was made by a key version " + keyName + " does not have");
    }

    @Override
    public byte[] mac(String keyName, byte[] data) {
        try {
            return primitive(keyName, KeyPurpose.MAC, Mac.class).computeMac(data);
        } catch (GeneralSecurityException e) {
            throw new KmsException("MAC under " + keyName + " failed", e);
        }
    }

    @Override
    public byte[] sign(String keyName, byte[] data) {
        try {
            return primitive(keyName, KeyPurpose.SIGN, PublicKeySign.class).sign(data);
        } catch (GeneralSecurityException e) {
            throw new KmsException("signing with " + keyName + " failed", e);
        }
    }

    @Override
    public boolean verify(String keyName, byte[] data, byte[] signature) {
        Entry entry = load(keyName, KeyPurpose.SIGN);
        try {
            ((PublicKeyVerify) entry.verifier()).verify(signature, data);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public byte[] publicKey(String keyName, int version) {
        return Ed25519Keys.x509(
                signingKey(keyName, version).getPublicKey().getPublicKeyBytes().toByteArray());
    }

    @Override
    public byte[] signWithVersion(String keyName, int version, byte[] data) {
        try {
            // Tink's keyset primitive would prefix its key id; the checkpoint format wants the bare RFC 8032 signature.
            return new Ed25519Sign(signingKey(keyName, version)
                            .getPrivateKeyBytes()
                            .toByteArray(InsecureSecretKeyAccess.get()))
                    .sign(data);
        } catch (GeneralSecurityException e) {
            throw new KmsException("signing with " + keyName + " v" + version + " failed", e);
        }
    }

    private Ed25519PrivateKey signingKey(String keyName, int version) {
        Entry entry = load(keyName, null);
        if (entry.purpose() != KeyPurpose.SIGN) {
            throw new KmsException("key " + keyName + " is a " + entry.purpose() + " key, not SIGN");
        }
        if (version < 1 || version > entry.handle().size()) {
            throw new KmsException("key " + keyName + " has no version " + version);
        }
        if (!(entry.handle().getAt(version - 1).getKey() instanceof Ed25519PrivateKey key)) {
            throw new KmsException("key " + keyName + " v" + version + " is not an Ed25519 key");
        }
        return key;
    }

    @Override
    public synchronized KeyInfo rotate(String keyName) {
        Entry entry = load(keyName, null);
        try {
            KeysetHandle rotated = KeysetHandle.newBuilder(entry.handle())
                    .addEntry(KeysetHandle.generateEntryFromParameters(parameters(entry.purpose()))
                            .withRandomId()
                            .makePrimary())
                    .build();
            Entry updated = entry(entry.purpose(), rotated);
            write(keyName, updated);
            cache.put(keyName, updated);
            return info(keyName, updated);
        } catch (GeneralSecurityException e) {
            throw new KmsException("rotation of " + keyName + " failed", e);
        }
    }

    @Override
    public synchronized void destroy(String keyName) {
        Path file = file(keyName);
        try {
            Files.writeString(tombstone(keyName), "destroyed\n");
            if (Files.exists(file)) {
                Files.write(file, new byte[(int) Files.size(file)]);
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cache.remove(keyName);
    }

    private <T> T primitive(String keyName, KeyPurpose purpose, Class<T> type) {
        Entry entry = load(keyName, purpose);
        if (!type.isInstance(entry.primitive())) {
            throw new KmsException("key " + keyName + " is a " + entry.purpose() + " key, not " + purpose);
        }
        return type.cast(entry.primitive());
    }

    /** Loads a key; creates it when {@code createAs} is given and the key never existed. */
    private Entry load(String keyName, KeyPurpose createAs) {
        Entry cached = cache.get(keyName);
        if (cached != null) {
            return cached;
        }
        synchronized (this) {
            cached = cache.get(keyName);
            if (cached != null) {
                return cached;
            }
            if (!KEY_NAME.matcher(keyName).matches()) {
                throw new KmsException("invalid key name");
            }
            if (Files.exists(tombstone(keyName))) {
                throw new KeyDestroyedException(keyName);
            }
            Path file = file(keyName);
            try {
                Entry entry;
                if (Files.exists(file)) {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    KeyPurpose purpose = KeyPurpose.valueOf(lines.get(0));
                    KeysetHandle handle = TinkJsonProtoKeysetFormat.parseEncryptedKeyset(
                            String.join("\n", lines.subList(1, lines.size())), master, binding(keyName, purpose));
                    entry = entry(purpose, handle);
                } else if (createAs != null) {
                    entry = entry(createAs, KeysetHandle.generateNew(parameters(createAs)));
                    write(keyName, entry);
                } else {
                    throw new KmsException("no key named " + keyName);
                }
                cache.put(keyName, entry);
                return entry;
            } catch (GeneralSecurityException e) {
                throw new KmsException("cannot open key " + keyName + " (wrong master key or tampered file)", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Entry entry(KeyPurpose purpose, KeysetHandle handle) throws GeneralSecurityException {
        var config = RegistryConfiguration.get();
        return switch (purpose) {
            case AEAD -> new Entry(purpose, handle, handle.getPrimitive(config, Aead.class), null);
            case MAC -> new Entry(purpose, handle, handle.getPrimitive(config, Mac.class), null);
            case SIGN ->
                new Entry(
                        purpose,
                        handle,
                        handle.getPrimitive(config, PublicKeySign.class),
                        handle.getPublicKeysetHandle().getPrimitive(config, PublicKeyVerify.class));
        };
    }

    private static Parameters parameters(KeyPurpose purpose) {
        return switch (purpose) {
            case AEAD -> PredefinedAeadParameters.AES256_GCM;
            case MAC -> PredefinedMacParameters.HMAC_SHA256_256BITTAG;
            case SIGN -> PredefinedSignatureParameters.ED25519;
        };
    }

    private void write(String keyName, Entry entry) throws GeneralSecurityException {
        String json = TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(
                entry.handle(), master, binding(keyName, entry.purpose()));
        Path target = file(keyName);
        try {
            Path temp = Files.createTempFile(
                    directory,
                    keyName,
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, entry.purpose().name() + "\n" + json, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] binding(String keyName, KeyPurpose purpose) {
        return ("payguard-local-kms:" + keyName + ":" + purpose).getBytes(StandardCharsets.UTF_8);
    }

    private static KeyInfo info(String keyName, Entry entry) {
        KeysetHandle handle = entry.handle();
        int primary = 0;
        for (int i = 0; i < handle.size(); i++) {
            if (handle.getAt(i).isPrimary()) {
                primary = i + 1;
            }
        }
        return new KeyInfo(keyName, entry.purpose(), primary);
    }

    private Path file(String keyName) {
        return directory.resolve(keyName + ".keyset.json");
    }

    private Path tombstone(String keyName) {
        return directory.resolve(keyName + ".destroyed");
    }
}

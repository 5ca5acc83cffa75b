package io.payguard.platform.protection.envelope;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;

import io.payguard.platform.protection.kms.DataKey;
import io.payguard.platform.protection.kms.KeyManagementService;
import io.payguard.platform.protection.kms.KeyPurpose;
import io.payguard.platform.protection.kms.KmsException;

/**
 * Per-subject data keys: creates them through the KMS, unwraps them once and caches the ready-to-use
 * primitive in memory (bounded), so the KMS stays off the per-request path. Plain Java; persistence of the
 * wrapped keys is the caller's (see {@code SubjectKeys} in the Quarkus layer).
 *
 * <p>Making one makes no KMS call: the key-encryption key is created by the KMS on first use ({@link #create}), so
 * building the keyring never waits on Vault on whatever thread first needs it (with Quarkus, often an event loop).
 */
public final class SubjectKeyring {

    private final KeyManagementService kms;
    private final String kekName;
    private final int maxCached;
    private final Map<String, Aead> cache = new ConcurrentHashMap<>();
    /**
     * Cached names oldest first: a full cache drops its oldest entry, so a key {@link #load}ed for a request stays until
     * {@code maxCached} other keys were loaded after it (an arbitrary victim could be that very key, and its next use
     * would call the KMS again, maybe on a thread that must not wait for it).
     */
    private final Queue<String> loadOrder = new ConcurrentLinkedQueue<>();

    public SubjectKeyring(KeyManagementService kms, String kekName, int maxCached) {
        this.kms = kms;
        this.kekName = kekName;
        this.maxCached = maxCached;
    }

    public KeyManagementService kms() {
        return kms;
    }

    public String kekName() {
        return kekName;
    }

    /** Generates version {@code version} of a subject's data key; the caller stores the returned wrapped key. */
    public SubjectKey create(String subject, int version) {
        DataKey dataKey = kms.generateDataKey(kekName, wrapBinding(subject, version));
        try {
            remember(subject, version, aead(dataKey.plaintext()));
            return new SubjectKey(subject, version, dataKey.wrapped(), dataKey.kekName(), dataKey.kekVersion());
        } finally {
            dataKey.wipe();
        }
    }

    /** The usable key; from the cache, or unwrapped once through the KMS. */
    Aead aead(SubjectKey key) {
        if (key.destroyed()) {
            throw new IllegalStateException("key of " + key.subject() + " was destroyed");
        }
        Aead cached = cache.get(cacheKey(key.subject(), key.version()));
        if (cached != null) {
            return cached;
        }
        byte[] plain = kms.decrypt(key.kekName(), key.wrapped(), wrapBinding(key.subject(), key.version()));
        try {
            Aead aead = aead(plain);
            remember(key.subject(), key.version(), aead);
            return aead;
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * True when {@link FieldEncryptor} can use the key without the KMS: it is destroyed (reads give
     * {@link FieldValue.Erased}) or its data key is in the cache.
     */
    public boolean ready(SubjectKey key) {
        return key.destroyed() || cache.containsKey(cacheKey(key.subject(), key.version()));
    }

    /** Unwraps the key through the KMS into the cache (a KMS call unless {@link #ready}); returns the key. */
    public SubjectKey load(SubjectKey key) {
        if (!key.destroyed()) {
            aead(key);
        }
        return key;
    }

    /** True when the key was wrapped under an older version of the KEK than the current one. */
    public boolean needsRewrap(SubjectKey key) {
        return !key.destroyed() && key.kekVersion() < kekVersion();
    }

    /** The KEK's current version (a KMS call); creates the KEK if it does not exist yet. */
    public int kekVersion() {
        return kms.ensureKey(kekName, KeyPurpose.AEAD).currentVersion();
    }

    /** Rotates the KEK (creating it first if it never existed); data keys move to the new version with {@link #rewrap}. */
    public int rotateKek() {
        kms.ensureKey(kekName, KeyPurpose.AEAD);
        return kms.rotate(kekName).currentVersion();
    }

    /** Re-wraps under the KEK's current version; the data key itself (and so every ciphertext) is unchanged. */
    public SubjectKey rewrap(SubjectKey key) {
        byte[] wrapped = kms.rewrap(key.kekName(), key.wrapped(), wrapBinding(key.subject(), key.version()));
        return new SubjectKey(
                key.subject(), key.version(), wrapped, key.kekName(), kms.versionOf(key.kekName(), wrapped));
    }

    /** Drops every cached key of a subject: call it when shredding. */
    public void forget(String subject) {
        cache.keySet().removeIf(k -> k.startsWith(subject + '\u0000'));
        loadOrder.removeIf(k -> k.startsWith(subject + '\u0000'));
    }

    private void remember(String subject, int version, Aead aead) {
        String name = cacheKey(subject, version);
        if (cache.put(name, aead) == null) {
            loadOrder.add(name);
        }
        // names of forgotten keys may still be queued: dropping one removes nothing, and the loop goes on
        while (cache.size() > maxCached) {
            String oldest = loadOrder.poll();
            if (oldest == null) {
                break;
            }
            cache.remove(oldest);
        }
    }

    private static String cacheKey(String subject, int version) {
        return subject + '\u0000' + version;
    }

    private static byte[] wrapBinding(String subject, int version) {
        return ("payguard-dek-v1|" + subject + '|' + version).getBytes(StandardCharsets.UTF_8);
    }

    private static Aead aead(byte[] key) {
        try {
            return new AesGcmJce(key);
        } catch (GeneralSecurityException e) {
            throw new KmsException("unusable data key", e);
        }
    }
}

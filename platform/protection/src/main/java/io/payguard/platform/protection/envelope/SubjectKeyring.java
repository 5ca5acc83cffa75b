package io.payguard.platform.protection.envelope;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;

import io.payguard.platform.protection.kms.DataKey;
import io.payguard.platform.protection.kms.KeyManagementService;
import io.payguard.platform.protection.kms.KeyPurpose;
import io.payguard.platform.protection.kms.KmsException;

/**
 * Per-subject data keys: creates them through the KMS, unwraps them once and caches the ready-to-use
 * primitive in memory (bounded), so the KMS stays off the per-request path. Plain Java; persistence of the
 * wrapped keys is the caller's (see {@code SubjectKeyRepository} in the Quarkus layer).
 */
public final class SubjectKeyring {

    private final KeyManagementService kms;
    private final String kekName;
    private final int maxCached;
    private final Map<String, Aead> cache = new ConcurrentHashMap<>();

    public SubjectKeyring(KeyManagementService kms, String kekName, int maxCached) {
        this.kms = kms;
        this.kekName = kekName;
        this.maxCached = maxCached;
        kms.ensureKey(kekName, KeyPurpose.AEAD);
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

    /** True when the key was wrapped under an older version of the KEK than the current one. */
    public boolean needsRewrap(SubjectKey key) {
        return !key.destroyed() && key.kekVersion() < kms.describe(key.kekName()).currentVersion();
    }

    /** Re-wraps under the KEK's current version; the data key itself (and so every ciphertext) is unchanged. */
    public SubjectKey rewrap(SubjectKey key) {
        byte[] wrapped = kms.rewrap(key.kekName(), key.wrapped(), wrapBinding(key.subject(), key.version()));
        return new SubjectKey(key.subject(), key.version(), wrapped, key.kekName(), kms.versionOf(key.kekName(), wrapped));
    }

    /** Drops every cached key of a subject: call it when shredding. */
    public void forget(String subject) {
        cache.keySet().removeIf(k -> k.startsWith(subject + '\u0000'));
    }

    private void remember(String subject, int version, Aead aead) {
        if (cache.size() >= maxCached) {
            Iterator<String> oldest = cache.keySet().iterator();
            if (oldest.hasNext()) {
                cache.remove(oldest.next());
            }
        }
        cache.put(cacheKey(subject, version), aead);
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

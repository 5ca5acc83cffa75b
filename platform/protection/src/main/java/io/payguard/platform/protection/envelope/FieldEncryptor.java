package io.payguard.platform.protection.envelope;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import io.payguard.platform.protection.kms.KmsException;

/**
 * Encrypts C2 values for storage: {@code pg1.<subject key version>.<base64url(nonce | ciphertext | tag)>},
 * AES-256-GCM under the subject's data key, with the {@link FieldContext} (table, column, row, subject,
 * key version) as associated data. Reading a value whose subject key was destroyed yields
 * {@link FieldValue.Erased}, not an exception.
 */
public final class FieldEncryptor {

    private static final String PREFIX = "pg1.";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SubjectKeyring keyring;

    public FieldEncryptor(SubjectKeyring keyring) {
        this.keyring = keyring;
    }

    public String encrypt(SubjectKey key, FieldContext context, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        checkSubject(key, context);
        try {
            byte[] ciphertext = keyring.aead(key)
                    .encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context.associatedData(key.version()));
            return PREFIX + key.version() + '.' + ENCODER.encodeToString(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new KmsException("field encryption failed", e);
        }
    }

    /**
     * @param key the subject's key of version {@link #keyVersion(String)}, or {@code null} / destroyed when
     *            it no longer exists
     */
    public FieldValue decrypt(SubjectKey key, FieldContext context, String stored) {
        if (stored == null) {
            return new FieldValue.Absent();
        }
        if (key == null || key.destroyed()) {
            return new FieldValue.Erased(context.subject());
        }
        checkSubject(key, context);
        int version = keyVersion(stored);
        if (version != key.version()) {
            throw new IllegalArgumentException(
                    "value was encrypted under key version " + version + ", not " + key.version());
        }
        byte[] ciphertext = DECODER.decode(stored.substring(stored.indexOf('.', PREFIX.length()) + 1));
        try {
            return new FieldValue.Plain(new String(
                    keyring.aead(key).decrypt(ciphertext, context.associatedData(version)), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new KmsException(
                    "field " + context.table() + "." + context.column() + " of row " + context.rowId()
                            + " does not decrypt (moved between rows/columns or tampered)",
                    e);
        }
    }

    /** The subject key version a stored value was encrypted under. */
    public static int keyVersion(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not an encrypted field value");
        }
        int end = stored.indexOf('.', PREFIX.length());
        return Integer.parseInt(stored, PREFIX.length(), end, 10);
    }

    public static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    private static void checkSubject(SubjectKey key, FieldContext context) {
        if (!key.subject().equals(context.subject())) {
            throw new IllegalArgumentException("key of another subject");
        }
    }
}

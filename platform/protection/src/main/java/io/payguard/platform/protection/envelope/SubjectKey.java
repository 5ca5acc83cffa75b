package io.payguard.platform.protection.envelope;

/**
 * A data subject's data key, version {@code version}, as stored: wrapped under the KMS key {@code kekName}
 * at {@code kekVersion}. {@code wrapped == null} means the key was destroyed (crypto-shredded).
 */
public record SubjectKey(String subject, int version, byte[] wrapped, String kekName, int kekVersion) {

    public boolean destroyed() {
        return wrapped == null;
    }

    public SubjectKey shredded() {
        return new SubjectKey(subject, version, null, kekName, kekVersion);
    }

    @Override
    public String toString() {
        return "SubjectKey[" + subject + " v" + version
                + (destroyed() ? ", destroyed" : ", kek " + kekName + " v" + kekVersion) + "]";
    }
}

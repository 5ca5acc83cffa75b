package io.payguard.platform.protection.kms.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import io.payguard.platform.protection.kms.KmsException;

/**
 * Where the local KMS master key comes from: {@code PAYGUARD_KMS_LOCAL_MASTER_KEY} (base64 of 32 bytes,
 * e.g. from {@code .dev/secrets.env}); or, when allowed, a file {@code master.key} (mode 0600) generated
 * beside the keysets on first start. The generated file protects keysets only against someone who copies
 * the keyset files without it: fine for a developer machine, not for production.
 */
public final class LocalMasterKey {

    public static final String GENERATED_FILE = "master.key";

    private LocalMasterKey() {}

    public record Resolved(byte[] key, boolean generatedBesideKeys) {}

    public static Resolved resolve(
            Optional<String> configured, Path directory, boolean mayGenerate, SecureRandom random) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            byte[] key = decode(configured.get().strip());
            return new Resolved(key, false);
        }
        if (!mayGenerate) {
            throw new KmsException("payguard.kms.local.master-key (env PAYGUARD_KMS_LOCAL_MASTER_KEY) is not set: "
                    + "set it to the base64 of 32 random bytes (openssl rand -base64 32)");
        }
        Path file = directory.resolve(GENERATED_FILE);
        try {
            Files.createDirectories(directory);
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                random.nextBytes(key);
                Path temp = Files.createTempFile(
                        directory,
                        "master",
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temp, Base64.getEncoder().encodeToString(key) + "\n");
                Files.move(temp, file);
            }
            return new Resolved(decode(Files.readString(file).strip()), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] decode(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new KmsException("the local KMS master key is not valid base64");
        }
        if (key.length != 32) {
            throw new KmsException("the local KMS master key must decode to 32 bytes, not " + key.length);
        }
        return key;
    }
}

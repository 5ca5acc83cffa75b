package io.payguard.audit.adapter.out.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.payguard.audit.application.CheckpointSigner;
import io.payguard.audit.config.AuditConfig;

/**
 * The default checkpoint signer: an Ed25519 key pair (JDK crypto) supplied by configuration or generated on first
 * start into {@code payguard.audit.checkpoint.key-dir} (private key file mode 0600). Key id: {@code ed25519:} and
 * the first 16 hex digits of the SHA-256 of the public key.
 */
@ApplicationScoped
public class LocalEd25519CheckpointSigner implements CheckpointSigner {

    private static final Logger LOG = Logger.getLogger(LocalEd25519CheckpointSigner.class);
    private static final String ALGORITHM = "Ed25519";

    private final KeyPair keys;
    private final String keyId;

    public LocalEd25519CheckpointSigner(AuditConfig config) {
        this.keys = config.checkpoint().privateKey().isPresent()
                ? decode(config.checkpoint().privateKey().get(), config.checkpoint().publicKey().orElseThrow(
                        () -> new IllegalStateException("payguard.audit.checkpoint.public-key is required with private-key")))
                : loadOrCreate(Path.of(config.checkpoint().keyDir()));
        this.keyId = keyIdOf(keys.getPublic().getEncoded());
    }

    public static String keyIdOf(byte[] publicKey) {
        try {
            return "ed25519:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    @Override
    public byte[] publicKey() {
        return keys.getPublic().getEncoded();
    }

    @Override
    public byte[] sign(byte[] payload) {
        try {
            var s = Signature.getInstance(ALGORITHM);
            s.initSign(keys.getPrivate());
            s.update(payload);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("checkpoint signing failed", e);
        }
    }

    private static KeyPair loadOrCreate(Path dir) {
        Path priv = dir.resolve("checkpoint-ed25519.key");
        Path pub = dir.resolve("checkpoint-ed25519.pub");
        try {
            if (Files.exists(priv) && Files.exists(pub)) {
                return decode(Files.readString(priv).trim(), Files.readString(pub).trim());
            }
            var pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            Files.createDirectories(dir);
            Files.writeString(pub, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n");
            Files.createFile(priv);
            try {
                Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's own protection applies
            }
            Files.writeString(priv, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n");
            LOG.infof("generated checkpoint signing key %s in %s", keyIdOf(pair.getPublic().getEncoded()), dir.toAbsolutePath());
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load or create the checkpoint key in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    private static KeyPair decode(String privateKey, String publicKey) {
        try {
            var kf = KeyFactory.getInstance(ALGORITHM);
            return new KeyPair(kf.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey))),
                    kf.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the configured checkpoint key pair is not a valid Ed25519 pair", e);
        }
    }
}

package io.payguard.audit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;

import io.payguard.audit.domain.chain.Ed25519SignatureCheck;

/** What the command-line tools share: the database connection from the environment and trusted keys from files. */
final class CliSupport {

    private CliSupport() {}

    /** {@code PAYGUARD_AUDIT_JDBC_URL}, {@code PAYGUARD_AUDIT_DB_USER} (audit_service), {@code PAYGUARD_AUDIT_DB_PASSWORD}. */
    static Connection connect(Map<String, String> env) throws SQLException {
        return DriverManager.getConnection(
                env.getOrDefault("PAYGUARD_AUDIT_JDBC_URL", "jdbc:postgresql://127.0.0.1:15432/audit"),
                env.getOrDefault("PAYGUARD_AUDIT_DB_USER", "audit_service"),
                env.getOrDefault("PAYGUARD_AUDIT_DB_PASSWORD", ""));
    }

    /** A base64 X.509 Ed25519 public key kept outside the system, by its key id. */
    static Map<String, PublicKey> trustedKey(Path file) throws IOException {
        byte[] der = Base64.getDecoder().decode(Files.readString(file).trim());
        return Map.of(Ed25519SignatureCheck.keyIdOf(der), Ed25519SignatureCheck.publicKey(der));
    }
}

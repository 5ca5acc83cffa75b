package io.payguard.audit.cli;

import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;

import io.payguard.audit.adapter.out.persistence.ChainRepository;
import io.payguard.audit.application.ChainVerification;
import io.payguard.audit.domain.chain.ChainHash;
import io.payguard.audit.domain.chain.Ed25519SignatureCheck;
import io.payguard.audit.domain.chain.Finding;

/**
 * Verifies the audit chain straight from the database, outside the service (README "Verify from the command
 * line"). Arguments: {@code full} (default) | {@code incremental} | {@code range FROM TO}, and optionally
 * {@code --public-key FILE} (base64 X.509 Ed25519 key kept outside the system; without it the keys stored in the
 * database are trusted). Connection: {@code PAYGUARD_AUDIT_JDBC_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:15432/audit}), {@code PAYGUARD_AUDIT_DB_USER} (default {@code audit_service}),
 * {@code PAYGUARD_AUDIT_DB_PASSWORD}. Exit status: 0 intact, 1 tampering found, 2 usage or connection error.
 */
public final class VerifyChainCommand {

    private VerifyChainCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out));
    }

    static int run(String[] args, java.util.Map<String, String> env, java.io.PrintStream out) {
        ChainVerification.Request request = ChainVerification.Request.full();
        Path publicKeyFile = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "full" -> request = ChainVerification.Request.full();
                    case "incremental" -> request = ChainVerification.Request.incremental();
                    case "range" ->
                        request = new ChainVerification.Request(
                                ChainVerification.Mode.RANGE, Long.parseLong(args[++i]), Long.parseLong(args[++i]));
                    case "--public-key" -> publicKeyFile = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("usage: VerifyChainCommand [full | incremental | range FROM TO] [--public-key FILE]: "
                    + e.getMessage());
            return 2;
        }
        try (Connection c = CliSupport.connect(env)) {
            var chain = ChainRepository.on(c);
            Map<String, PublicKey> keys = new HashMap<>();
            if (publicKeyFile != null) {
                keys.putAll(CliSupport.trustedKey(publicKeyFile));
            } else {
                keys.putAll(chain.publicKeys());
                out.println(
                        "note: checkpoint keys read from the database (pass --public-key to trust a key kept elsewhere)");
            }
            var outcome = new ChainVerification().run(chain, request, new Ed25519SignatureCheck(keys));
            var r = outcome.report();
            out.printf(
                    "mode=%s anchor=%d last=%d head=%s records=%d checkpoints=%d took=%dms rate=%d records/s%n",
                    outcome.mode().name().toLowerCase(java.util.Locale.ROOT),
                    r.anchor().seq(),
                    r.last().seq(),
                    ChainHash.hex(r.last().hash()),
                    r.recordsChecked(),
                    r.checkpointsChecked(),
                    outcome.took().toMillis(),
                    outcome.recordsPerSecond());
            for (Finding f : r.findings()) {
                out.printf("%s seq=%d record=%s: %s%n", f.kind(), f.seq(), f.recordId(), f.detail());
            }
            for (Finding f : r.checkpointFindings()) {
                out.printf("%s seq=%d: %s%n", f.kind(), f.seq(), f.detail());
            }
            out.println(r.intact() ? "INTACT" : "TAMPERED");
            return r.intact() ? 0 : 1;
        } catch (Exception e) {
            System.err.println("verification failed to run: " + e);
            return 2;
        }
    }
}

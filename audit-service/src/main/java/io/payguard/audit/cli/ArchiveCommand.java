package io.payguard.audit.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.payguard.audit.adapter.out.archive.JsonArchiveCodec;
import io.payguard.audit.adapter.out.persistence.ChainRepository;
import io.payguard.audit.application.archive.ChainArchive;
import io.payguard.audit.domain.chain.ChainHash;
import io.payguard.audit.domain.chain.Finding;

/**
 * Writes and verifies archive files of the chain (README "Retention and archives").
 * <ul>
 * <li>{@code write FILE FROM TO}: positions FROM..TO;</li>
 * <li>{@code write FILE --past-hot [DURATION]}: from FROM (default 1, or {@code --from N}) to the last record
 * recorded before now minus the hot period (ISO-8601 duration, default {@code P90D});</li>
 * <li>{@code verify FILE [--public-key KEYFILE]}: re-verifies a file on its own.</li>
 * </ul>
 * Database from {@code PAYGUARD_AUDIT_JDBC_URL} / {@code _DB_USER} / {@code _DB_PASSWORD}. Exit 0 fine, 1 archive
 * tampered, 2 usage or I/O error.
 */
public final class ArchiveCommand {

    private ArchiveCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, Clock.systemUTC()));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, Clock clock) {
        var archive = new ChainArchive(new JsonArchiveCodec());
        try {
            if (args.length >= 2 && args[0].equals("verify")) {
                return verify(archive, args, out);
            }
            if (args.length >= 3 && args[0].equals("write")) {
                return write(archive, args, env, out, clock);
            }
        } catch (Exception e) {
            out.println("archive failed: " + e);
            return 2;
        }
        out.println(
                "usage: ArchiveCommand write FILE FROM TO | write FILE --past-hot [P90D] [--from N] | verify FILE [--public-key KEYFILE]");
        return 2;
    }

    /** {@code verify FILE [--public-key KEYFILE]}: 0 intact, 1 tampered. */
    private static int verify(ChainArchive archive, String[] args, PrintStream out) throws Exception {
        Map<String, PublicKey> keys =
                args.length == 4 && args[2].equals("--public-key") ? CliSupport.trustedKey(Path.of(args[3])) : Map.of();
        var report = archive.verify(Path.of(args[1]), keys);
        out.printf(
                "archive %s: positions %d..%d, %d records, %d checkpoints%n",
                args[1],
                report.anchor().seq() + 1,
                report.last().seq(),
                report.recordsChecked(),
                report.checkpointsChecked());
        for (Finding f : report.findings()) {
            out.printf("%s seq=%d record=%s: %s%n", f.kind(), f.seq(), f.recordId(), f.detail());
        }
        for (Finding f : report.checkpointFindings()) {
            out.printf("%s seq=%d: %s%n", f.kind(), f.seq(), f.detail());
        }
        out.println(report.intact() ? "INTACT" : "TAMPERED");
        return report.intact() ? 0 : 1;
    }

    /** {@code write FILE FROM TO} or {@code write FILE --past-hot [DURATION] [--from N]}. */
    private static int write(ChainArchive archive, String[] args, Map<String, String> env, PrintStream out, Clock clock)
            throws Exception {
        try (var c = CliSupport.connect(env)) {
            var chain = ChainRepository.on(c);
            long from;
            long to;
            if (args[2].equals("--past-hot")) {
                Duration hot =
                        args.length > 3 && args[3].startsWith("P") ? Duration.parse(args[3]) : Duration.ofDays(90);
                from = 1;
                for (int i = 3; i < args.length - 1; i++) {
                    if (args[i].equals("--from")) {
                        from = Long.parseLong(args[i + 1]);
                    }
                }
                to = chain.lastSeqRecordedBefore(clock.instant().minus(hot));
            } else {
                from = Long.parseLong(args[2]);
                to = Long.parseLong(args[3]);
            }
            if (to < from) {
                out.println("nothing to archive");
                return 0;
            }
            var header = archive.write(chain, from, to, Path.of(args[1]), clock.instant());
            out.printf(
                    "wrote %s: positions %d..%d, %d records, last hash %s%n",
                    args[1],
                    header.fromSeq(),
                    header.toSeq(),
                    header.records(),
                    ChainHash.hex(header.last().hash()));
            return 0;
        }
    }
}

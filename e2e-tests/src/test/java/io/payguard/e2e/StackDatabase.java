package io.payguard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The running suite's PostgreSQL as the load benchmarks see it, as its superuser ({@code secrets.env} beside
 * {@code stack.env}): the sizes of the busiest tables of each service's database, and pgbench's TPC-B on the same
 * server, in a database of its own that is dropped again.
 */
final class StackDatabase {

    static final List<String> DATABASES = List.of("auth", "payment", "wallet", "audit");
    private static final String PGBENCH_DB = "payguard_pgbench";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private StackDatabase() {}

    static int port() {
        return 15432 + URI.create(Stack.serviceUrl("payment")).getPort() - 8082;
    }

    private static String password() {
        try {
            for (String line : Files.readAllLines(StackProcesses.home().resolve("secrets.env"))) {
                if (line.startsWith("PAYGUARD_PG_SUPERUSER_PASSWORD=")) {
                    return line.substring(line.indexOf('=') + 1).trim();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no secrets.env beside stack.env", e);
        }
        throw new IllegalStateException("PAYGUARD_PG_SUPERUSER_PASSWORD missing from secrets.env");
    }

    private static java.sql.Connection connect(String db) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/" + db, "postgres", password());
    }

    /**
     * One line per database (its size) and per table among its {@code top} largest (total size with indexes and
     * TOAST, live rows, inserts, HOT share of updates, from pg_class and pg_stat_user_tables).
     */
    static List<String> tableSizes(int top) throws SQLException {
        var lines = new ArrayList<String>();
        for (String db : DATABASES) {
            try (var conn = connect(db);
                    var st = conn.createStatement()) {
                try (var rs = st.executeQuery("SELECT pg_size_pretty(pg_database_size(current_database()))")) {
                    rs.next();
                    lines.add("%-8s %s".formatted(db, rs.getString(1)));
                }
                try (var rs = st.executeQuery(
                        "SELECT s.schemaname || '.' || s.relname, pg_size_pretty(pg_total_relation_size(c.oid)),"
                                + " s.n_live_tup, s.n_tup_ins, s.n_tup_upd, s.n_tup_hot_upd FROM pg_stat_user_tables s"
                                + " JOIN pg_class c ON c.oid = s.relid ORDER BY pg_total_relation_size(c.oid) DESC LIMIT "
                                + top)) {
                    while (rs.next()) {
                        long upd = rs.getLong(5);
                        lines.add("  %-40s %9s %10d rows %10d inserted %10d updated (%3.0f%% HOT)"
                                .formatted(
                                        rs.getString(1),
                                        rs.getString(2),
                                        rs.getLong(3),
                                        rs.getLong(4),
                                        upd,
                                        upd == 0 ? 0.0 : 100.0 * rs.getLong(6) / upd));
                    }
                }
            }
        }
        return lines;
    }

    /**
     * Makes {@code pg_stat_statements} count from now on in every service database (the extension is created where it is
     * missing, and its counters reset). Returns false, and says why, when the server does not preload the library (a
     * data directory made before {@code ./dev} preloaded it: {@code ./dev reset}).
     */
    static boolean resetStatements() throws SQLException {
        try (var conn = connect("postgres");
                var st = conn.createStatement();
                var rs = st.executeQuery("SHOW shared_preload_libraries")) {
            rs.next();
            if (!rs.getString(1).contains("pg_stat_statements")) {
                System.out.println("[load] statements per payment not counted: this PostgreSQL does not preload"
                        + " pg_stat_statements (its data directory predates ./dev's setting: ./dev reset)");
                return false;
            }
        }
        for (String db : DATABASES) {
            try (var conn = connect(db);
                    var st = conn.createStatement()) {
                st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                st.execute("SELECT pg_stat_statements_reset()");
            }
        }
        return true;
    }

    /**
     * What PostgreSQL did per payment since {@link #resetStatements()}, from {@code pg_stat_statements}: per database the
     * statements (calls, including BEGIN and COMMIT) and their execution time per payment, then its {@code top}
     * statements by time with calls per payment, rows per call and the statement's first 110 characters.
     */
    static List<String> statementsPerPayment(long payments, int top) throws SQLException {
        var lines = new ArrayList<String>();
        if (payments <= 0) {
            return lines;
        }
        for (String db : DATABASES) {
            try (var conn = connect(db);
                    var ps = conn.prepareStatement("SELECT s.calls, s.total_exec_time, s.rows, s.query"
                            + " FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid"
                            + " WHERE d.datname = current_database() AND s.query NOT LIKE '%pg_stat_statements%'"
                            + " ORDER BY s.total_exec_time DESC")) {
                long calls = 0;
                double ms = 0;
                var rows = new ArrayList<String>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long c = rs.getLong(1);
                        double t = rs.getDouble(2);
                        calls += c;
                        ms += t;
                        if (rows.size() < top) {
                            rows.add("  %6.3f ms %6.2f calls %6.1f rows/call  %s"
                                    .formatted(
                                            t / payments,
                                            (double) c / payments,
                                            c == 0 ? 0.0 : (double) rs.getLong(3) / c,
                                            abbreviate(rs.getString(4))));
                        }
                    }
                }
                lines.add("%-8s %6.3f ms executing %6.2f statements per payment"
                        .formatted(db, ms / payments, (double) calls / payments));
                lines.addAll(rows);
            }
        }
        return lines;
    }

    private static String abbreviate(String sql) {
        String one = sql.replaceAll("\\s+", " ").trim();
        return one.length() <= 110 ? one : one.substring(0, 107) + "...";
    }

    /**
     * pgbench's TPC-B ({@code -M prepared}) on the suite's PostgreSQL: {@code pgbench -i -s scale} in a database of its
     * own, {@code clients} clients on 2 threads for {@code seconds}, then the database is dropped. Returns tps
     * (without initial connection time).
     */
    static double pgbenchTpcB(String pgbench, int scale, int clients, int seconds) throws Exception {
        try (var conn = connect("postgres");
                var st = conn.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + PGBENCH_DB);
            st.execute("CREATE DATABASE " + PGBENCH_DB);
        }
        try {
            pgbench(pgbench, 600, "-i", "-q", "-s", Integer.toString(scale), PGBENCH_DB);
            String out = pgbench(
                    pgbench,
                    seconds + 120L,
                    "-M",
                    "prepared",
                    "-c",
                    Integer.toString(clients),
                    "-j",
                    "2",
                    "-T",
                    Integer.toString(seconds),
                    PGBENCH_DB);
            var m = TPS.matcher(out);
            if (!m.find()) {
                throw new AssertionError("pgbench printed no tps:\n" + out);
            }
            return Double.parseDouble(m.group(1));
        } finally {
            try (var conn = connect("postgres");
                    var st = conn.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + PGBENCH_DB);
            }
        }
    }

    private static String pgbench(String pgbench, long timeoutSeconds, String... args) throws Exception {
        var cmd = new ArrayList<String>(
                List.of(pgbench, "-h", "127.0.0.1", "-p", Integer.toString(port()), "-U", "postgres"));
        cmd.addAll(List.of(args));
        var log = Files.createTempFile("pgbench", ".log");
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PGPASSWORD", password());
        Process p;
        try {
            p = pb.start();
        } catch (IOException notFound) {
            throw new AssertionError(
                    "pgbench not found ('" + pgbench + "'): the PostgreSQL binaries ./dev uses (zonky) have no client"
                            + " tools; install Debian's postgresql-client (apt-get install postgresql-client), or point"
                            + " -Dload.pgbench at one, or leave the comparison out with -Dload.pgbench.seconds=0",
                    notFound);
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("pgbench did not finish in " + timeoutSeconds + " s");
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        if (p.exitValue() != 0) {
            throw new AssertionError("pgbench " + String.join(" ", args) + " failed:\n" + out);
        }
        return out;
    }
}

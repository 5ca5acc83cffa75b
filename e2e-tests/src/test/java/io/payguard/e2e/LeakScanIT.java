package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 5: after the other end-to-end tests (and, in the fault run, after the faults), every log, every Kafka
 * topic and every database of the running suite is scanned for card numbers, CVVs, credentials and personal data in
 * clear ({@link LeakScanner}): 0 hits. The secrets it looks for are the ones this stack generated (secrets.env), so
 * a password or client secret that reached a log, a topic or a table is found wherever it went.
 *
 * <p>Not scanned: Keycloak's own store and its H2/dev files (the identity provider holds its users' e-mail addresses
 * and its clients' secrets by design; it is not PayGuard code), PostgreSQL's catalogs, and Kafka's internal
 * {@code __consumer_offsets}. The demo users' made-up e-mail addresses count like real ones: a service that logs or stores
 * a user's address in clear would do so for a real one too.
 */
@Order(Order.DEFAULT + 2)
class LeakScanIT {

    private static final List<String> DATABASES = List.of("auth", "payment", "wallet", "audit");
    /** E-mail domains whose addresses are not personal data (none so far: a demo user's address counts like a real one). */
    private static final List<String> NOT_PERSONAL = List.of();

    private final Map<String, Integer> hitsBySource = new TreeMap<>();
    private final List<String> examples = new ArrayList<>();
    private final Map<String, Long> scanned = new TreeMap<>();

    @Test
    void noLogTopicOrTableOfTheSuiteHoldsCardDataCredentialsOrPersonalDataInClear() throws Exception {
        var scanner = new LeakScanner(secrets(), NOT_PERSONAL);
        long start = System.nanoTime();
        scanLogs(scanner);
        scanTopics(scanner);
        scanDatabases(scanner);
        System.out.printf(
                "[e2e] leak scan: %s scanned in %.1f s; hits %s%n",
                scanned, (System.nanoTime() - start) / 1e9, hitsBySource);
        examples.stream().limit(40).forEach(e -> System.out.println("[e2e] leak scan: " + e));
        assertThat(scanned.get("log lines"))
                .as("the scan read the suite's logs")
                .isPositive();
        assertThat(scanned.get("kafka records"))
                .as("the scan read the suite's topics")
                .isPositive();
        assertThat(scanned.get("database rows"))
                .as("the scan read the suite's databases")
                .isPositive();
        assertThat(examples)
                .as("card data, credentials or personal data in clear")
                .isEmpty();
    }

    private void found(String where, LeakScanner.Hit hit) {
        hitsBySource.merge(hit.kind(), 1, Integer::sum);
        if (examples.size() < 1000) {
            examples.add(hit.kind() + " " + hit.masked() + " in " + where);
        }
    }

    // ------------------------------------------------------------------------------------------------ logs
    private void scanLogs(LeakScanner scanner) throws IOException {
        Path logs = StackProcesses.home().resolve("logs");
        long lines = 0;
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                if (file.getFileName().toString().startsWith("keycloak")) {
                    continue; // the identity provider's own log: not PayGuard code (see the class comment)
                }
                int n = 0;
                try (var reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        n++;
                        for (var hit : scanner.scan(line)) {
                            found(file.getFileName() + ":" + n, hit);
                        }
                    }
                }
                lines += n;
            }
        }
        scanned.put("log lines", lines);
    }

    // ------------------------------------------------------------------------------------------------ Kafka
    private void scanTopics(LeakScanner scanner) throws Exception {
        long[] records = {0};
        var topics = TopicReader.readAll("leak-scan", r -> {
            records[0]++;
            var text = new StringBuilder();
            if (r.key() != null) {
                text.append(new String(r.key(), StandardCharsets.UTF_8)).append(' ');
            }
            for (var h : r.headers()) {
                text.append(h.key())
                        .append('=')
                        .append(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8))
                        .append(' ');
            }
            if (r.value() != null) {
                text.append(new String(r.value(), StandardCharsets.UTF_8));
            }
            for (var hit : scanner.scan(text.toString())) {
                found(r.topic() + "-" + r.partition() + "@" + r.offset(), hit);
            }
        });
        scanned.put("kafka topics", (long) topics.size());
        scanned.put("kafka records", records[0]);
    }

    // ------------------------------------------------------------------------------------------------ PostgreSQL
    private void scanDatabases(LeakScanner scanner) throws SQLException {
        int pgPort = 15432 + URI.create(Stack.serviceUrl("payment")).getPort() - 8082;
        String password = secretsEnv().get("PAYGUARD_PG_SUPERUSER_PASSWORD");
        long rows = 0;
        long tables = 0;
        for (String db : DATABASES) {
            try (var conn = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + db, "postgres", password)) {
                conn.setReadOnly(true);
                conn.setAutoCommit(false); // a cursor: rows are fetched in batches
                var names = new ArrayList<String>();
                try (var rs = conn.createStatement()
                        .executeQuery(
                                "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables "
                                        + "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                for (String table : names) {
                    tables++;
                    try (var st = conn.createStatement()) {
                        st.setFetchSize(2000);
                        try (var rs = st.executeQuery("SELECT t::text FROM " + table + " t")) {
                            while (rs.next()) {
                                rows++;
                                String row = rs.getString(1);
                                for (var hit : scanner.scan(row)) {
                                    found(db + "." + table, hit);
                                }
                            }
                        }
                    }
                }
                conn.rollback();
            }
        }
        scanned.put("database tables", tables);
        scanned.put("database rows", rows);
    }

    // ------------------------------------------------------------------------------------------------ secrets
    private static List<String> secrets() {
        var values = new ArrayList<String>();
        secretsEnv().forEach((k, v) -> {
            if (!k.endsWith("_USERNAME")) {
                values.add(v);
            }
        });
        return values;
    }

    private static Map<String, String> secretsEnv() {
        var values = new HashMap<String, String>();
        try {
            for (String line : Files.readAllLines(StackProcesses.home().resolve("secrets.env"))) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    values.put(
                            line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "no secrets.env beside stack.env: the scan needs the stack's generated secrets", e);
        }
        return values;
    }
}

package io.payguard.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.payguard.audit.application.ChainAppender;
import io.payguard.audit.domain.AuditRecord;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Archive files written from the real chain verify on their own, and edits, deletions and swaps in them are found. */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class ArchiveCommandTest {

    /** Archive files of the test: deleted with it (they used to pile up in /tmp). */
    @TempDir
    static Path scratch;

    @Inject
    ChainAppender appender;

    private static Map<String, String> env() {
        return Map.of(
                "PAYGUARD_AUDIT_JDBC_URL",
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class),
                "PAYGUARD_AUDIT_DB_USER",
                "postgres",
                "PAYGUARD_AUDIT_DB_PASSWORD",
                "postgres");
    }

    private static String[] run(String... args) {
        var out = new ByteArrayOutputStream();
        int status =
                ArchiveCommand.run(args, env(), new PrintStream(out, true, StandardCharsets.UTF_8), Clock.systemUTC());
        return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void anArchivedRangeVerifiesAloneAndTamperingWithTheFileIsFound() throws Exception {
        var futures = new ArrayList<CompletableFuture<Boolean>>();
        for (int i = 0; i < 60; i++) {
            var id = UUID.randomUUID();
            futures.add(appender.submit(
                            id.toString(),
                            new AuditRecord(
                                    id,
                                    Instant.parse("2026-11-26T09:00:00Z").plusSeconds(i),
                                    "wallet-service",
                                    "io.payguard.audit.record.v1",
                                    "wallet.read",
                                    "wallet",
                                    "w-" + i,
                                    "success",
                                    null,
                                    null,
                                    "arch-" + i,
                                    null))
                    .toCompletableFuture());
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        appender.checkpointIfMoved();

        Path file = Files.createTempFile(scratch, "audit-archive", ".ndjson");
        var written = run("write", file.toString(), "1", "50");
        assertThat(written[1]).contains("positions 1..50, 50 records");
        assertThat(written[0]).isEqualTo("0");
        var verified = run("verify", file.toString());
        assertThat(verified[1]).contains("INTACT");
        assertThat(verified[0]).isEqualTo("0");

        List<String> lines = Files.readAllLines(file);
        // line 0 is the header, lines 1..50 the records
        var edited = new ArrayList<>(lines);
        edited.set(10, edited.get(10).replace("\"action\":\"", "\"action\":\"x"));
        assertThat(edited.get(10)).isNotEqualTo(lines.get(10));
        assertThat(verifyLines(edited)).contains("EDITED seq=10").contains("TAMPERED");

        var deleted = new ArrayList<>(lines);
        deleted.remove(20);
        assertThat(verifyLines(deleted)).contains("DELETED seq=20").contains("TAMPERED");

        var swapped = new ArrayList<>(lines);
        swapped.set(30, lines.get(35));
        swapped.set(35, lines.get(30));
        assertThat(verifyLines(swapped)).contains("REORDERED").contains("TAMPERED");

        // everything recorded before now: the whole chain so far
        Path all = Files.createTempFile(scratch, "audit-archive-all", ".ndjson");
        assertThat(run("write", all.toString(), "--past-hot", "P0D")[0]).isEqualTo("0");
        assertThat(run("verify", all.toString())[1]).contains("INTACT");
        assertThat(run("bogus")[0]).isEqualTo("2");

        // the API says where the hot period ends: with a 90-day hot period nothing recorded today is due
        String auditor = io.payguard.platform.testing.TestTokens.token(
                "a-1", ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class), "auditor");
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(auditor)
                .get("/v1/audit/chain/retention")
                .then()
                .statusCode(200)
                .body("hot", org.hamcrest.Matchers.equalTo("PT2160H"))
                .body("archiveUpToSeq", org.hamcrest.Matchers.equalTo(0))
                .body("headSeq", org.hamcrest.Matchers.greaterThanOrEqualTo(60));
    }

    private static String verifyLines(List<String> lines) throws Exception {
        Path f = Files.createTempFile(scratch, "audit-archive-tampered", ".ndjson");
        Files.write(f, lines);
        var result = run("verify", f.toString());
        assertThat(result[0]).isEqualTo("1");
        return result[1];
    }
}

package io.payguard.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.payguard.audit.adapter.out.persistence.ChainRepository;
import io.payguard.audit.application.ChainAppender;
import io.payguard.audit.application.ChainVerification;
import io.payguard.audit.domain.AuditRecord;
import io.payguard.audit.domain.chain.Ed25519SignatureCheck;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Append throughput through the real appender (batched transactions, processed-event rows, checkpoints) and the
 * verification rate over JDBC, against the test PostgreSQL. Not part of {@code verify} (tagged benchmark); run it with
 * {@code ./mvnw -B -o -pl audit-service verify -Pbenchmark -Dbenchmark.records=100000}.
 * The test server runs with fsync=off (zonky), so the append figure is an upper bound.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class ChainBenchmark {

    @Inject
    ChainAppender appender;

    @Test
    void appendAndVerify() throws Exception {
        int n = Integer.getInteger("benchmark.records", 100_000);
        var futures = new ArrayList<CompletableFuture<Boolean>>(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            var id = UUID.randomUUID();
            futures.add(appender.submit(
                            id.toString(),
                            new AuditRecord(
                                    id,
                                    Instant.parse("2026-11-26T10:00:00Z").plusMillis(i),
                                    "payment-service",
                                    "io.payguard.audit.record.v1",
                                    "payment.create",
                                    "payment",
                                    "pi_" + i,
                                    "success",
                                    new AuditRecord.Actor(
                                            "merchant-" + (i % 97), "demo-merchant-a", List.of("merchant")),
                                    new AuditRecord.Origin("10.1.0." + (i % 200), "bench/1.0"),
                                    "bench-" + i,
                                    null))
                    .toCompletableFuture());
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        double appendSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "[benchmark] appended %,d records in %.2f s: %,.0f records/s%n", n, appendSeconds, n / appendSeconds);

        try (var c = ChainTamperingTest.connect()) {
            var signatures = new Ed25519SignatureCheck(ChainRepository.on(c).publicKeys());
            for (int run = 1; run <= 3; run++) {
                var outcome = new ChainVerification()
                        .run(ChainRepository.on(c), ChainVerification.Request.full(), signatures);
                assertThat(outcome.report().intact()).isTrue();
                System.out.printf(
                        "[benchmark] verification run %d: %,d records and %d checkpoints in %d ms: %,d records/s%n",
                        run,
                        outcome.report().recordsChecked(),
                        outcome.report().checkpointsChecked(),
                        outcome.took().toMillis(),
                        outcome.recordsPerSecond());
            }
        }
    }
}

package io.payguard.platform.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} its own real PostgreSQL database and a real Kafka broker, both started once
 * per test JVM (so once per module). Register with
 * {@code @QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)}.
 * Where Docker exists, Testcontainers could provide the same servers; these need none.
 */
public class PayGuardTestInfrastructure implements QuarkusTestResourceLifecycleManager {

    private String database = "payguard_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        int port = LocalPostgres.port();
        String db = LocalPostgres.database(database);
        String kafka = LocalKafka.bootstrapServers();
        return Map.of(
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + port + "/" + db,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + port + "/" + db,
                "kafka.bootstrap.servers", kafka,
                // tokens signed by TestTokens (OidcWiremockTestResource's key) for the DPoP tenant too
                "quarkus.oidc.dpop.token.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        // The servers are shared by every Quarkus application started in this JVM; a shutdown hook stops them.
    }
}

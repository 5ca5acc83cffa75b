package io.payguard.platform.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} its own real PostgreSQL database and a real Kafka broker, both started once
 * per test JVM (so once per module). The demo merchants are on the broker's merchant directory topic
 * ({@link MerchantFixtures}), as on {@code ./dev up}. Register with
 * {@code @QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)}.
 * Where Docker exists, Testcontainers could provide the same servers; these need none.
 */
public class PayGuardTestInfrastructure implements QuarkusTestResourceLifecycleManager {

    private String database = "payguard_test";
    private String role;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
        role = initArgs.get("role");
    }

    /**
     * The service runs as its own non-superuser role owning its database, named like in {@code ./dev}
     * ({@code payment-service} runs as {@code payment_service}), so privilege rules (REVOKEs, row-lock checks of
     * foreign keys) bite in tests exactly as in the running suite.
     */
    private String role() {
        if (role != null) {
            return role;
        }
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.application.name", String.class)
                .map(n -> n.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_"))
                .filter(n -> n.matches("[a-z][a-z0-9_]{0,62}"))
                .orElse("payguard_app");
    }

    @Override
    public Map<String, String> start() {
        int port = LocalPostgres.port();
        String owner = role();
        String db = LocalPostgres.database(database, owner);
        String kafka = LocalKafka.bootstrapServers();
        MerchantFixtures.publishDemoMerchants();
        return Map.of(
                "quarkus.datasource.username",
                owner,
                "quarkus.datasource.password",
                LocalPostgres.password(owner),
                "quarkus.datasource.reactive.url",
                "postgresql://127.0.0.1:" + port + "/" + db,
                "quarkus.datasource.jdbc.url",
                "jdbc:postgresql://127.0.0.1:" + port + "/" + db,
                "kafka.bootstrap.servers",
                kafka,
                // tokens signed by TestTokens (OidcWiremockTestResource's key) for the DPoP tenant too
                "quarkus.oidc.dpop.token.issuer",
                TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        // The servers are shared by every Quarkus application started in this JVM; a shutdown hook stops them.
    }
}

package io.payguard.wallet.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.payguard.platform.testing.LocalKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL 17 of its own for the load runs, with durable commits ({@code fsync=on},
 * {@code synchronous_commit=on}, {@code full_page_writes=on}); the shared test server runs with zonky's
 * fsync=off, which would flatter every figure.
 */
public class DurablePostgresResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres server;

    @Override
    public Map<String, String> start() {
        try {
            server = EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("shared_buffers", "256MB")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = server.getPort();
        return Map.of(
                "quarkus.datasource.username",
                "postgres",
                "quarkus.datasource.password",
                "postgres",
                "quarkus.datasource.reactive.url",
                "postgresql://127.0.0.1:" + port + "/postgres",
                "quarkus.datasource.jdbc.url",
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "quarkus.datasource.reactive.max-size",
                "32",
                "kafka.bootstrap.servers",
                LocalKafka.bootstrapServers());
    }

    @Override
    public void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // the run is over
            }
        }
    }
}

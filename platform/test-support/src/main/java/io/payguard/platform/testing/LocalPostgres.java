package io.payguard.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server (zonky binaries from Maven Central) started once per test JVM on a free
 * loopback port and stopped when the JVM exits. zonky runs it through {@code unshare -U} when the JVM runs
 * as root and sets {@code fsync=off}, which is fine for tests (never for benchmarks).
 */
public final class LocalPostgres {

    private static EmbeddedPostgres server;
    private static final Set<String> DATABASES = new HashSet<>();

    private LocalPostgres() {
    }

    public static synchronized int port() {
        if (server == null) {
            long start = System.nanoTime();
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("max_connections", "200")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
            }
            System.out.printf("[payguard-test] PostgreSQL 17 ready on 127.0.0.1:%d in %d ms%n", server.getPort(), (System.nanoTime() - start) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(LocalPostgres::stop, "payguard-postgres-stop"));
        }
        return server.getPort();
    }

    /** Creates the database if needed; the superuser {@code postgres} (trust on loopback) owns it. */
    public static synchronized String database(String name) {
        port();
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("bad database name " + name);
        }
        if (DATABASES.add(name)) {
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) {
                    throw new IllegalStateException("could not create database " + name, e);
                }
            }
        }
        return name;
    }

    private static synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // the JVM is exiting; nothing left to do
            }
            server = null;
        }
    }
}

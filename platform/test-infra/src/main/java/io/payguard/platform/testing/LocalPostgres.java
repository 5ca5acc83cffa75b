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
 * as root and sets {@code fsync=off}, which is fine for tests (never for benchmarks). Tests of outages
 * {@link #stop()} it and {@link #start()} it again: same data directory, same port, so the services' pools
 * reconnect to it as they would to a restarted production server.
 */
public final class LocalPostgres {

    private static EmbeddedPostgres server;
    private static java.nio.file.Path dataDirectory;
    private static int port;
    private static final Set<String> DATABASES = new HashSet<>();
    private static final java.util.Map<String, String> ROLES = new java.util.HashMap<>();

    private LocalPostgres() {}

    public static synchronized int port() {
        if (dataDirectory == null) {
            long start = System.nanoTime();
            try {
                dataDirectory = java.nio.file.Files.createTempDirectory("payguard-pg-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = launch();
            port = server.getPort();
            System.out.printf(
                    "[payguard-test] PostgreSQL 17 ready on 127.0.0.1:%d in %d ms%n",
                    port, (System.nanoTime() - start) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(LocalPostgres::shutdown, "payguard-postgres-stop"));
        }
        return port;
    }

    private static EmbeddedPostgres launch() {
        try {
            var builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200");
            return (port == 0 ? builder : builder.setPort(port)).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
        }
    }

    /**
     * Stops the server as an outage would: open connections break, new ones are refused. The data stays; {@link #start()}
     * brings it back on the same port.
     */
    public static synchronized void stop() {
        port();
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not stop the embedded PostgreSQL server", e);
            }
            server = null;
            System.out.printf("[payguard-test] PostgreSQL on 127.0.0.1:%d stopped%n", port);
        }
    }

    /** Starts the server again after {@link #stop()}, on the same data directory and port. */
    public static synchronized void start() {
        port();
        if (server == null) {
            server = launch();
            System.out.printf("[payguard-test] PostgreSQL on 127.0.0.1:%d started again%n", port);
        }
    }

    /** Creates the database if needed; the superuser {@code postgres} (trust on loopback) owns it. */
    public static synchronized String database(String name) {
        return database(name, null);
    }

    /**
     * Creates the database if needed, owned by {@code owner} when given: a plain login role (no superuser, no
     * CREATEDB, no CREATEROLE) created on first use, as {@code ./dev} and production set it up. A service that runs
     * as that role meets the same privilege rules in tests as in the running suite.
     */
    public static synchronized String database(String name, String owner) {
        port();
        requireIdentifier(name);
        if (owner != null) {
            requireIdentifier(owner);
            role(owner);
        }
        if (DATABASES.add(name)) {
            try (Connection c = server.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name + (owner == null ? "" : " OWNER " + owner));
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) {
                    throw new IllegalStateException("could not create database " + name, e);
                }
            }
        }
        return name;
    }

    /** The password of a role made by {@link #database(String, String)}: random per test JVM, never stored. */
    public static synchronized String password(String role) {
        return ROLES.computeIfAbsent(role, r -> java.util.UUID.randomUUID().toString());
    }

    private static void role(String role) {
        if (ROLES.containsKey(role)) {
            return;
        }
        String password = password(role);
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role
                    + "') THEN CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE; END IF; END $$");
            s.execute("ALTER ROLE " + role + " PASSWORD '" + password + "'");
        } catch (SQLException e) {
            ROLES.remove(role);
            throw new IllegalStateException("could not create role " + role, e);
        }
    }

    private static void requireIdentifier(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("bad identifier " + name);
        }
    }

    private static synchronized void shutdown() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // the JVM is exiting; nothing left to do
        }
        server = null;
        try (var files = java.nio.file.Files.walk(dataDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the system cleans it up eventually
        }
    }
}

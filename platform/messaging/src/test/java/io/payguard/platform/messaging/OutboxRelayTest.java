package io.payguard.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.payguard.platform.testing.LocalPostgres;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * The outbox relay against a real PostgreSQL, with the broker played by a stub emitter: rows leave in the order they
 * were written and only once every send was acknowledged; a failed send leaves the whole batch for the next round;
 * a batch being sent is invisible to another relay (replicas never send the same row side by side).
 */
class OutboxRelayTest {

    static Vertx vertx;
    static Pool pool;
    static String jdbc;

    @BeforeAll
    static void database() throws Exception {
        String db = LocalPostgres.database("outbox_relay_test");
        jdbc = "jdbc:postgresql://127.0.0.1:" + LocalPostgres.port() + "/" + db;
        try (var in = OutboxRelayTest.class.getResourceAsStream("/db/platform/V0_1__outbox_and_processed_events.sql");
                Connection c = connect();
                var s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS outbox_event, processed_event");
            s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        vertx = Vertx.vertx();
        pool = PgPool.pool(
                vertx,
                new PgConnectOptions()
                        .setHost("127.0.0.1")
                        .setPort(LocalPostgres.port())
                        .setDatabase(db)
                        .setUser("postgres"),
                new PoolOptions().setMaxSize(4));
    }

    @AfterAll
    static void close() {
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection c = connect();
                var s = c.createStatement()) {
            s.execute("DELETE FROM outbox_event");
        }
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbc, "postgres", "");
    }

    static void write(int n) throws SQLException {
        try (Connection c = connect();
                var st = c.prepareStatement(
                        "INSERT INTO outbox_event (id, aggregate_type, aggregate_id, type, topic, payload, "
                                + "created_at) VALUES (gen_random_uuid(), 'a', 'agg', 't', 'topic', ?, now())")) {
            for (int i = 0; i < n; i++) {
                st.setString(1, "event-" + i);
                st.executeUpdate();
            }
        }
    }

    static long rows() throws SQLException {
        try (Connection c = connect();
                var rs = c.createStatement().executeQuery("SELECT count(*) FROM outbox_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @SuppressWarnings("unchecked")
    static MutinyEmitter<String> broker(Function<Message<String>, Uni<Void>> send) {
        return (MutinyEmitter<String>) Proxy.newProxyInstance(
                OutboxRelayTest.class.getClassLoader(),
                new Class<?>[] {MutinyEmitter.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "sendMessage" -> send.apply((Message<String>) args[0]);
                    case "toString" -> "stub broker";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static OutboxRelay relay(MutinyEmitter<String> broker) {
        return new OutboxRelay(pool, broker, 500, Duration.ofSeconds(60), new SimpleMeterRegistry());
    }

    @Test
    void rowsLeaveInTheOrderTheyWereWrittenAndAreGoneOnceAcknowledged() throws Exception {
        write(7);
        List<String> sent = new CopyOnWriteArrayList<>();
        int n = relay(broker(m -> {
                    sent.add(m.getPayload());
                    return Uni.createFrom().voidItem();
                }))
                .drain()
                .await()
                .atMost(Duration.ofSeconds(10));
        assertThat(n).isEqualTo(7);
        assertThat(sent).containsExactly("event-0", "event-1", "event-2", "event-3", "event-4", "event-5", "event-6");
        assertThat(rows()).isZero();
    }

    @Test
    void aFailedSendLeavesTheWholeBatchForTheNextRound() throws Exception {
        write(3);
        var failing = relay(broker(m -> "event-1".equals(m.getPayload())
                ? Uni.createFrom().failure(new IOException("broker down"))
                : Uni.createFrom().voidItem()));
        assertThatThrownBy(() -> failing.relayBatch().await().atMost(Duration.ofSeconds(10)))
                .hasRootCauseInstanceOf(IOException.class);
        assertThat(rows()).as("nothing deleted: the batch is sent again").isEqualTo(3);
        List<String> sent = new CopyOnWriteArrayList<>();
        relay(broker(m -> {
                    sent.add(m.getPayload());
                    return Uni.createFrom().voidItem();
                }))
                .drain()
                .await()
                .atMost(Duration.ofSeconds(10));
        assertThat(sent).containsExactly("event-0", "event-1", "event-2");
        assertThat(rows()).isZero();
    }

    @Test
    void aBatchBeingSentIsInvisibleToAnotherRelay() throws Exception {
        write(2);
        var ack = new CompletableFuture<Void>();
        List<String> first = new CopyOnWriteArrayList<>();
        var slow = relay(broker(m -> {
            first.add(m.getPayload());
            return Uni.createFrom().completionStage(ack);
        }));
        var result = slow.relayBatch().subscribeAsCompletionStage();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> first.size() == 2);
        List<String> second = new CopyOnWriteArrayList<>();
        int other = relay(broker(m -> {
                    second.add(m.getPayload());
                    return Uni.createFrom().voidItem();
                }))
                .drain()
                .await()
                .atMost(Duration.ofSeconds(10));
        assertThat(other).isZero();
        assertThat(second).isEmpty();
        ack.complete(null);
        assertThat(result.get()).isEqualTo(2);
        assertThat(rows()).isZero();
    }
}

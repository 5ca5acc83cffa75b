package io.payguard.platform.web.overload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The admission control in front of a real Vert.x HTTP server: bounded work, fast refusals, slots given back. */
class AdmissionControlTest {

    private static final int LIMIT = 4;

    private Vertx vertx;
    private HttpServer server;
    private AdmissionControl admission;
    private SimpleMeterRegistry meters;
    private final List<RoutingContext> parked = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private int port;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        meters = new SimpleMeterRegistry();
        admission = new AdmissionControl(meters, LIMIT, Duration.ofSeconds(2));
        Router router = Router.router(vertx);
        router.route().order(-1).handler(admission::admit);
        router.get("/v1/slow").handler(parked::add); // answered by the test, later
        router.route("/v1/fast").handler(ctx -> ctx.response().end("fast"));
        router.get("/q/health/ready").handler(ctx -> ctx.response().end("UP"));
        server = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void beyondTheLimitRequestsAreRefusedAtOnceWithA503ProblemAndRetryAfterAndHealthStillAnswers() throws Exception {
        var admitted = new ArrayList<CompletableFuture<HttpResponse<String>>>();
        for (int i = 0; i < LIMIT; i++) {
            admitted.add(send("/v1/slow"));
        }
        await(() -> parked.size() == LIMIT);
        assertThat(admission.inFlight()).isEqualTo(LIMIT);

        for (int i = 0; i < 10; i++) {
            long start = System.nanoTime();
            var refused = send("/v1/fast").get(5, TimeUnit.SECONDS);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(refused.body())
                    .contains("\"code\":\"overloaded\"")
                    .contains("\"status\":503")
                    .doesNotContain("Exception");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
        assertThat(send("/q/health/ready").get(5, TimeUnit.SECONDS).statusCode())
                .as("probes are never shed")
                .isEqualTo(200);
        assertThat(meters.get("payguard.http.shed").counter().count()).isEqualTo(10.0);
        assertThat(meters.get("payguard.http.in.flight").gauge().value()).isEqualTo(LIMIT);

        parked.forEach(ctx -> vertx.runOnContext(v -> ctx.response().end("done")));
        for (var f : admitted) {
            assertThat(f.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        await(() -> admission.inFlight() == 0);
        assertThat(send("/v1/fast").get(5, TimeUnit.SECONDS).statusCode())
                .as("slots are given back")
                .isEqualTo(200);
        assertThat(admission.inFlight()).isZero();
    }

    @Test
    void aCallerThatHangsUpGivesItsSlotBack() throws Exception {
        var sockets = new ArrayList<Socket>();
        for (int i = 0; i < LIMIT; i++) {
            var socket = new Socket("127.0.0.1", port);
            OutputStream out = socket.getOutputStream();
            out.write("GET /v1/slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            sockets.add(socket);
        }
        await(() -> parked.size() == LIMIT);
        assertThat(send("/v1/fast").get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
        for (var s : sockets) {
            s.close(); // the caller's timeout ran out
        }
        await(() -> admission.inFlight() == 0);
        assertThat(send("/v1/fast").get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void slowAnswersLowerTheLimitSoFewerRequestsAreWorkedOnAndFastOnesRaiseItAgain() throws Exception {
        var adaptive = new AdmissionControl(
                new SimpleMeterRegistry(), 8, Duration.ofSeconds(1), 2, Duration.ofMillis(200), 0.5);
        Router router = Router.router(vertx);
        router.route().order(-1).handler(adaptive::admit);
        router.get("/v1/slow").handler(parked::add);
        router.get("/v1/fast").handler(ctx -> ctx.response().end("fast"));
        var second = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        port = second.actualPort();

        var slow = new ArrayList<CompletableFuture<HttpResponse<String>>>();
        for (int i = 0; i < 4; i++) {
            slow.add(send("/v1/slow"));
        }
        await(() -> parked.size() == 4);
        long parkedAt = System.nanoTime();
        await(() -> System.nanoTime() - parkedAt > Duration.ofMillis(300).toNanos());
        parked.forEach(ctx -> vertx.runOnContext(v -> ctx.response().end("late")));
        for (var f : slow) {
            assertThat(f.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        await(() -> adaptive.inFlight() == 0);
        assertThat(adaptive.limit())
                .as("4 answers slower than 200 ms: 8 -> 4 -> 2 (the minimum)")
                .isEqualTo(2);

        parked.clear();
        var again = List.of(send("/v1/slow"), send("/v1/slow"));
        await(() -> parked.size() == 2);
        assertThat(send("/v1/fast").get(5, TimeUnit.SECONDS).statusCode())
                .as("a third request is refused at once")
                .isEqualTo(503);
        parked.forEach(ctx -> vertx.runOnContext(v -> ctx.response().end("done")));
        for (var f : again) {
            f.get(5, TimeUnit.SECONDS);
        }
        await(() -> adaptive.inFlight() == 0);
        for (int i = 0; i < 20; i++) {
            CompletableFuture.allOf(send("/v1/fast"), send("/v1/fast")).get(5, TimeUnit.SECONDS);
        }
        assertThat(adaptive.limit())
                .as("fast answers with the limit in use raise it again")
                .isGreaterThan(2);
    }

    @Test
    void refusalsOnOneHttp2ConnectionNeverTakeDownTheOtherRequestsOnIt() throws Exception {
        // h2c, one connection for everything, as a merchant's HTTP/2 client would hold it
        var h2 = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        assertThat(h2.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .version())
                .as("upgraded to HTTP/2")
                .isEqualTo(HttpClient.Version.HTTP_2);
        var admitted = new ArrayList<CompletableFuture<HttpResponse<String>>>();
        for (int i = 0; i < LIMIT; i++) {
            admitted.add(h2.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/slow"))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        await(() -> parked.size() == LIMIT);

        // Netty closes an HTTP/2 connection on which the server reset more than 200 streams in 30 s; answering before
        // a request's body has arrived resets its stream. 400 refusals of requests with a body, 20 at a time:
        int refused = 0;
        for (int round = 0; round < 20; round++) {
            var batch = new ArrayList<CompletableFuture<HttpResponse<String>>>();
            for (int i = 0; i < 20; i++) {
                batch.add(h2.sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/fast"))
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json")
                                .POST(lateBody("{\"amount\":1000,\"currency\":\"CNY\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (var f : batch) {
                assertThat(f.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
                refused++;
            }
        }
        assertThat(refused).isEqualTo(400);

        parked.forEach(ctx -> vertx.runOnContext(v -> ctx.response().end("done")));
        for (var f : admitted) {
            assertThat(f.get(10, TimeUnit.SECONDS).statusCode())
                    .as("the admitted requests on the same connection are answered")
                    .isEqualTo(200);
        }
    }

    @Test
    void aLimitBelowOneIsAConfigurationError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new AdmissionControl(new SimpleMeterRegistry(), 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payguard.http.max-in-flight");
    }

    /** A body the client sends only 50 ms after the request's headers (a busy client): the answer comes before it. */
    private static HttpRequest.BodyPublisher lateBody(String body) {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        var delayed = CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS);
        return HttpRequest.BodyPublishers.fromPublisher(
                subscriber -> {
                    var inner = HttpRequest.BodyPublishers.ofByteArray(bytes);
                    inner.subscribe(new java.util.concurrent.Flow.Subscriber<java.nio.ByteBuffer>() {
                        @Override
                        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                            subscriber.onSubscribe(subscription);
                        }

                        @Override
                        public void onNext(java.nio.ByteBuffer item) {
                            delayed.execute(() -> subscriber.onNext(item));
                        }

                        @Override
                        public void onError(Throwable throwable) {
                            subscriber.onError(throwable);
                        }

                        @Override
                        public void onComplete() {
                            CompletableFuture.delayedExecutor(60, TimeUnit.MILLISECONDS)
                                    .execute(subscriber::onComplete);
                        }
                    });
                },
                bytes.length);
    }

    private CompletableFuture<HttpResponse<String>> send(String path) {
        return client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Checks {@code condition} every 20 ms on a Vert.x timer until it holds, for at most 10 s. */
    private void await(java.util.function.BooleanSupplier condition) throws Exception {
        var met = new CompletableFuture<Void>();
        long timer = vertx.setPeriodic(0, 20, id -> {
            if (condition.getAsBoolean()) {
                met.complete(null);
            }
        });
        try {
            met.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within 10 s", e);
        } finally {
            vertx.cancelTimer(timer);
        }
    }
}

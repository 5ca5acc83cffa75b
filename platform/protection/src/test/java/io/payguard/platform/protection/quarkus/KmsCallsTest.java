package io.payguard.platform.protection.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.payguard.platform.protection.kms.KeyManagementService;
import io.payguard.platform.protection.kms.KmsException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** A remote KMS is never called on an event loop, and the pipeline goes on on the caller's loop; the local one is called in place. */
class KmsCallsTest {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private record Where(String workThread, boolean workOnEventLoop, String callerThread, String resultThread) {}

    /** Subscribes on an event loop; says where the work ran and on which thread the result came back. */
    private static Where onEventLoop(KmsCalls calls) throws Exception {
        var where = new CompletableFuture<Where>();
        vertx.getOrCreateContext().runOnContext(v -> {
            String caller = Thread.currentThread().getName();
            var work = new AtomicReference<String>();
            var workOnLoop = new AtomicReference<Boolean>();
            calls.call(() -> {
                        work.set(Thread.currentThread().getName());
                        workOnLoop.set(Context.isOnEventLoopThread());
                        return "mac";
                    })
                    .subscribe()
                    .with(
                            item -> where.complete(new Where(
                                    work.get(),
                                    workOnLoop.get(),
                                    caller,
                                    Thread.currentThread().getName())),
                            where::completeExceptionally);
        });
        return where.get(10, TimeUnit.SECONDS);
    }

    /** Only {@link KeyManagementService#remote()} matters to {@link KmsCalls}; the work in these tests is the callers'. */
    private static KeyManagementService kms(boolean remote) {
        return (KeyManagementService) Proxy.newProxyInstance(
                KmsCallsTest.class.getClassLoader(),
                new Class<?>[] {KeyManagementService.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("remote")) {
                        return remote;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static KeyManagementService local() {
        return kms(false);
    }

    private static KeyManagementService remote() {
        return kms(true);
    }

    @Test
    void aRemoteKmsIsCalledOnAWorkerAndTheResultComesBackOnTheCallersEventLoop() throws Exception {
        Where where = onEventLoop(new KmsCalls(remote()));

        assertThat(where.workOnEventLoop()).as("work on %s", where.workThread()).isFalse();
        assertThat(where.workThread()).isNotEqualTo(where.callerThread());
        assertThat(where.resultThread()).isEqualTo(where.callerThread());
    }

    @Test
    void theLocalKmsIsCalledInPlace() throws Exception {
        Where where = onEventLoop(new KmsCalls(local()));

        assertThat(where.workThread()).isEqualTo(where.callerThread()).isEqualTo(where.resultThread());
    }

    @Test
    void offAnEventLoopARemoteKmsIsCalledOnTheCallersThread() {
        var work = new AtomicReference<String>();
        Supplier<String> mac = () -> {
            work.set(Thread.currentThread().getName());
            return "mac";
        };

        assertThat(new KmsCalls(remote()).call(mac).await().indefinitely()).isEqualTo("mac");
        assertThat(work.get()).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void aFailureOnTheWorkerReachesTheCaller() {
        var failed = new CompletableFuture<String>();
        vertx.getOrCreateContext()
                .runOnContext(v -> new KmsCalls(remote())
                        .<String>call(() -> {
                            throw new KmsException("Vault: hmac failed (HTTP 503)");
                        })
                        .subscribe()
                        .with(failed::complete, failed::completeExceptionally));

        assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(KmsException.class)
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void nothingIsCalledBeforeSubscription() {
        var called = new AtomicReference<Boolean>(false);
        Uni<String> uni = new KmsCalls(remote()).call(() -> {
            called.set(true);
            return "mac";
        });

        assertThat(called.get()).isFalse();
        assertThat(uni.await().indefinitely()).isEqualTo("mac");
        assertThat(called.get()).isTrue();
    }
}

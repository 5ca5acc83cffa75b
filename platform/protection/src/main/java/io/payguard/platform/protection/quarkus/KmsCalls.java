package io.payguard.platform.protection.quarkus;

import java.util.function.Supplier;

import jakarta.inject.Singleton;

import io.payguard.platform.protection.kms.KeyManagementService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * How reactive code calls the KMS (directly, or through the kit: blind indexes, data key creation and unwrapping).
 *
 * <p>Why: with Vault every KMS call is an HTTP round trip that waits for its answer on the calling thread. Made on a
 * Vert.x event loop, it stops every other request of that loop for as long as Vault takes (auth-service's profile
 * requests stalled for seconds that way). With a {@linkplain KeyManagementService#remote() remote} KMS and the caller on
 * an event loop, the work runs on a worker thread and its result is delivered back on the caller's Vert.x context, so
 * the pipeline goes on on its event loop (a Hibernate Reactive session must stay on the thread it was opened on). The
 * local keyring answers from memory: called in place, no thread hop. Off an event loop (worker threads, tests) the work
 * also runs in place: blocking there is allowed.
 */
@Singleton
public class KmsCalls {

    private final boolean remote;

    public KmsCalls(KeyManagementService kms) {
        this.remote = kms.remote();
    }

    /** {@code work}'s result (or failure), worked on a worker thread when it would otherwise block an event loop. */
    public <T> Uni<T> call(Supplier<T> work) {
        if (!remote) {
            return Uni.createFrom().item(work);
        }
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            if (context == null || !Context.isOnEventLoopThread()) {
                return Uni.createFrom().item(work);
            }
            // Vert.x delivers the result of executeBlocking on the calling context, so on this very event loop thread
            return Uni.createFrom()
                    .completionStage(
                            () -> context.executeBlocking(work::get, false).toCompletionStage());
        });
    }
}

package io.payguard.platform.messaging;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;

import org.hibernate.reactive.engine.ReactiveAfterTransactionCompletionProcess;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.session.ReactiveSession;
import org.jboss.logging.Logger;

/**
 * Runs an action once the current Hibernate Reactive transaction has committed: the hook with which the outbox wakes
 * its relay in-process (issue 20), instead of a trigger whose {@code pg_notify} takes PostgreSQL's cluster-wide notify
 * lock in every commit and holds it through the WAL flush.
 *
 * <p>Hibernate Reactive runs the after-completion processes of a session's action queue when its transaction ends
 * ({@code Mutiny.Session.withTransaction}, which {@code Panache.withTransaction} uses), with the outcome. Its public
 * {@link Mutiny.Session} does not hand out that queue, so the session's {@code delegate} is read through a
 * {@link VarHandle} found once. Should a Hibernate Reactive upgrade rename it, {@link #available()} is false, the outbox
 * logs that once at start, and committed rows still leave on the relay's timer (every 50 ms by default): slower, never
 * lost. {@code AfterCommitTest} and the relay's wake-up counter ({@code payguard_outbox_wakeups_total}) show which
 * path runs.
 */
final class AfterCommit {

    private static final Logger LOG = Logger.getLogger(AfterCommit.class);
    private static final String IMPL = "org.hibernate.reactive.mutiny.impl.MutinySessionImpl";
    private static final VarHandle DELEGATE = find();
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private AfterCommit() {}

    private static VarHandle find() {
        try {
            Class<?> impl = Class.forName(IMPL, false, Mutiny.class.getClassLoader());
            return MethodHandles.privateLookupIn(impl, MethodHandles.lookup())
                    .findVarHandle(impl, "delegate", ReactiveSession.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.debugf("no after-commit hook in this Hibernate Reactive: %s", e.toString());
            return null;
        }
    }

    /** Whether this Hibernate Reactive lets an action run after commit. */
    static boolean available() {
        return DELEGATE != null;
    }

    /**
     * Registers {@code action} to run after the session's current transaction committed (not after a rollback).
     * Returns false, and registers nothing, when the session gives no access to its action queue.
     */
    static boolean register(Mutiny.Session session, Runnable action) {
        if (DELEGATE == null || !isImpl(session)) {
            return false;
        }
        ReactiveSession reactive = (ReactiveSession) DELEGATE.get(session);
        reactive.getReactiveActionQueue().registerProcess((ReactiveAfterTransactionCompletionProcess) (success, s) -> {
            if (success) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    // the transaction committed: what runs after it must not turn that into a failure
                    LOG.warnf("after-commit action failed: %s", e.toString());
                }
            }
            return DONE;
        });
        return true;
    }

    private static boolean isImpl(Mutiny.Session session) {
        return session.getClass().getName().equals(IMPL);
    }
}

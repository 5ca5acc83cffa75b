package io.payguard.payment;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.payguard.payment.adapter.out.persistence.PgIdempotencyStore;
import io.payguard.payment.application.port.IdempotencyStore;
import io.smallrye.mutiny.Uni;

/**
 * The real store, except for keys starting with {@value #CRASH_PREFIX}: there the process "dies" right after the
 * call's business transaction committed. A call that goes on after its transaction dies at its final answer (which
 * never gets stored, and the key is never released); every such request loses its answer on the way to the client
 * ({@link #crashBeforeAnswering}), as when the replica dies before it could answer.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CrashingIdempotencyStore implements IdempotencyStore {

    public static final String CRASH_PREFIX = "crash-after-commit-";

    private final PgIdempotencyStore real;

    public CrashingIdempotencyStore(PgIdempotencyStore real) {
        this.real = real;
    }

    /** The client of a crash key never sees the answer: the replica died after the commit. */
    @ServerResponseFilter
    public void crashBeforeAnswering(ContainerRequestContext request, ContainerResponseContext response) {
        var key = request.getHeaderString("Idempotency-Key");
        if (key != null && key.startsWith(CRASH_PREFIX) && request.getHeaderString("X-Test-Retry") == null) {
            response.setStatus(500);
            response.setEntity(null);
        }
    }

    @Override
    public Uni<Boolean> claimInTransaction(Claim claim) {
        return real.claimInTransaction(claim);
    }

    @Override
    public Uni<Void> completeInTransaction(String scope, String key, int status, String body, boolean provisional) {
        return real.completeInTransaction(scope, key, status, body, provisional);
    }

    @Override
    public Uni<Optional<Stored>> find(String scope, String key) {
        return real.find(scope, key);
    }

    @Override
    public Uni<Void> complete(String scope, String key, UUID claimId, int status, String body) {
        if (key.startsWith(CRASH_PREFIX)) {
            return Uni.createFrom()
                    .failure(new IllegalStateException("simulated crash after the business transaction"));
        }
        return real.complete(scope, key, claimId, status, body);
    }

    @Override
    public Uni<Void> storeRefusal(
            String scope, String key, String requestHash, UUID claimId, int status, String body, Instant now) {
        return real.storeRefusal(scope, key, requestHash, claimId, status, body, now);
    }

    @Override
    public Uni<Void> release(String scope, String key, UUID claimId) {
        return key.startsWith(CRASH_PREFIX) ? Uni.createFrom().voidItem() : real.release(scope, key, claimId);
    }

    @Override
    public Uni<Integer> purge(Instant createdBefore, int limit) {
        return real.purge(createdBefore, limit);
    }
}

package io.payguard.payment.adapter.in.rest;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.payguard.kernel.failure.ApplicationException;
import io.payguard.payment.application.Idempotency;
import io.payguard.payment.application.InTransaction;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.CorrelationId;
import io.payguard.platform.web.Problem;
import io.payguard.platform.web.ProblemMappers;
import io.payguard.platform.web.RequestAuditor;
import io.payguard.platform.web.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs a POST ({@link IdempotentPost}) once per Idempotency-Key (Stripe semantics, see {@link Idempotency}), for every
 * resource of this service. The key's claim, its answer (the post's {@code view} of the result; provisional unless it
 * is {@code settledInTransaction}: the call goes on after its transaction) and the request audit record of a success
 * (PCI DSS 10.2: who did what to which object) all join the use case's transaction; a refusal is audited on its own; a
 * replay is not audited again. Keys are scoped to the caller: {@code merchant:<client id>}, {@code customer:<subject>}
 * or (review decisions) {@code staff:<subject>}.
 */
@ApplicationScoped
public class IdempotentCalls {

    private final Idempotency idempotency;
    private final Caller caller;
    private final ObjectMapper json;
    private final ObjectMapper canonical;
    private final RequestAuditor auditor;

    public IdempotentCalls(Idempotency idempotency, Caller caller, ObjectMapper json, RequestAuditor auditor) {
        this.idempotency = idempotency;
        this.caller = caller;
        this.json = json;
        this.auditor = auditor;
        this.canonical = json.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    /** Runs {@code call} as {@code post} once per {@code key} of the caller's scope; answers its (stored) answer. */
    public <T> Uni<Response> run(
            RoutingContext ctx, String key, IdempotentPost<T> post, Function<InTransaction<T>, Uni<T>> call) {
        Idempotency.requireValidKey(key);
        String hash = Idempotency.hash(post.hashedOperation(), write(canonical, post.request()));
        String correlationId = CorrelationId.of(ctx);
        var answers = new Answers<>(post);
        return idempotency
                .once(
                        scope(post),
                        key,
                        hash,
                        claim -> call.apply(inTransaction(claim, post, answers, ctx))
                                .map(answers::sent),
                        refusal -> new Idempotency.Answer(
                                ProblemMappers.statusOf(refusal),
                                write(json, ProblemMappers.problemOf(refusal, correlationId)),
                                false))
                .onFailure(ApplicationException.class)
                .call(e -> auditor.recordStandalone(
                                caller, ctx, post.action(), post.objectType(), post.refusedObject(), "refused")
                        .replaceWithVoid())
                .map(answers::shown)
                .map(IdempotentCalls::response);
    }

    /**
     * Operators and compliance officers deciding reviews act in their own name ({@code staff:}), never in a customer's
     * scope.
     */
    private String scope(IdempotentPost<?> post) {
        if (caller.hasRole(Roles.MERCHANT)) {
            return "merchant:" + caller.merchantId();
        }
        return post.objectType().equals(PaymentReviewResource.OBJECT_TYPE)
                ? "staff:" + caller.subject()
                : "customer:" + caller.subject();
    }

    /** The use case's transaction claims the key first, and ends recording the answer and the success's audit record. */
    private <T> InTransaction<T> inTransaction(
            Idempotency.Key claim, IdempotentPost<T> post, Answers<T> answers, RoutingContext ctx) {
        return new InTransaction<>() {
            @Override
            public Uni<Void> begin() {
                return claim.claim();
            }

            @Override
            public Uni<Void> end(T result) {
                String objectId = post.auditedObject(result);
                return claim.record(post.status(), answers.body(result), post.provisional())
                        .chain(() -> auditor.record(caller, ctx, post.action(), post.objectType(), objectId, "success"))
                        .replaceWithVoid();
            }
        };
    }

    /** The answer recorded in the transaction is usually the one sent: rendered once per result. */
    private final class Answers<T> {
        private final IdempotentPost<T> post;
        private T result;
        private String body;

        Answers(IdempotentPost<T> post) {
            this.post = post;
        }

        String body(T r) {
            if (r != result || body == null) {
                result = r;
                body = write(json, post.view().apply(r));
            }
            return body;
        }

        Idempotency.Answer sent(T r) {
            return new Idempotency.Answer(post.status(), body(r), false);
        }

        /** What this call is sent: the stored answer, or the post's sent view of its own result (never to a replay). */
        Idempotency.Answer shown(Idempotency.Answer stored) {
            if (stored.replayed() || post.sentView() == null || result == null) {
                return stored;
            }
            return new Idempotency.Answer(
                    stored.status(), write(json, post.sentView().apply(result)), false);
        }
    }

    private static Response response(Idempotency.Answer answer) {
        var response = Response.status(answer.status())
                .type(answer.status() >= 400 ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                .entity(answer.body());
        if (answer.replayed()) {
            response.header(Idempotency.REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

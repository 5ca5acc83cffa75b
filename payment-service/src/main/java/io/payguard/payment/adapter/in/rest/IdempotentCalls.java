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
 * Runs a POST once per Idempotency-Key (Stripe semantics, see {@link Idempotency}), for every resource of this service.
 * The key's claim, its answer ({@code view} of the result; provisional unless {@code settledInTransaction}: the call
 * goes on after its transaction) and the request audit record of a success (PCI DSS 10.2: who did what to which
 * object) all join the use case's transaction; a refusal is audited on its own; a replay is not audited again. Keys are
 * scoped to the caller: {@code merchant:<client id>} or {@code customer:<subject>}.
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

    /** {@code operation}: a verb, then (after a space) the id from the path if there is one ({@code "confirm pi_…"}). */
    public <T> Uni<Response> run(
            RoutingContext ctx,
            String key,
            String objectType,
            String operation,
            Object request,
            int status,
            boolean settledInTransaction,
            Function<T, Object> view,
            Function<T, String> objectId,
            Function<InTransaction<T>, Uni<T>> call) {
        Idempotency.requireValidKey(key);
        // operators and compliance officers deciding reviews act in their own name ('staff:'), never in a customer's
        // scope
        String scope = caller.hasRole(Roles.MERCHANT)
                ? "merchant:" + caller.merchantId()
                : objectType.equals("payment_review") ? "staff:" + caller.subject() : "customer:" + caller.subject();
        // the object type is part of the hash: the same key on another kind of call is a reuse, never a replay
        String hash = Idempotency.hash(
                objectType.equals("payment_intent") ? operation : objectType + " " + operation,
                write(canonical, request));
        String correlationId = CorrelationId.of(ctx);
        String action = objectType + "." + operation.split(" ")[0];
        String pathId = operation.contains(" ") ? operation.substring(operation.indexOf(' ') + 1) : null;
        // the answer recorded in the transaction is usually the one sent: rendered once per result
        var rendered = new Object() {
            T result;
            String body;

            String of(T r) {
                if (r != result || body == null) {
                    result = r;
                    body = write(json, view.apply(r));
                }
                return body;
            }
        };
        return idempotency
                .once(
                        scope,
                        key,
                        hash,
                        claim -> call.apply(new InTransaction<>() {
                                    @Override
                                    public Uni<Void> begin() {
                                        return claim.claim();
                                    }

                                    @Override
                                    public Uni<Void> end(T result) {
                                        return claim.record(status, rendered.of(result), !settledInTransaction)
                                                .chain(() -> auditor.record(
                                                        caller,
                                                        ctx,
                                                        action,
                                                        objectType,
                                                        pathId != null ? pathId : objectId.apply(result),
                                                        "success"))
                                                .replaceWithVoid();
                                    }
                                })
                                .map(result -> new Idempotency.Answer(status, rendered.of(result), false)),
                        refusal -> new Idempotency.Answer(
                                ProblemMappers.statusOf(refusal),
                                write(json, ProblemMappers.problemOf(refusal, correlationId)),
                                false))
                .onFailure(ApplicationException.class)
                .call(e -> auditor.recordStandalone(
                                caller, ctx, action, objectType, pathId != null ? pathId : "*", "refused")
                        .replaceWithVoid())
                .map(answer -> {
                    var response = Response.status(answer.status())
                            .type(answer.status() >= 400 ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                            .entity(answer.body());
                    if (answer.replayed()) {
                        response.header(Idempotency.REPLAYED_HEADER, "true");
                    }
                    return response.build();
                });
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

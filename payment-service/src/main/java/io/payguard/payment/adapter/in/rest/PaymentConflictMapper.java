package io.payguard.payment.adapter.in.rest;

import java.util.LinkedHashMap;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.payguard.payment.application.PaymentConflict;
import io.payguard.platform.web.CorrelationId;
import io.payguard.platform.web.Problem;
import io.vertx.ext.web.RoutingContext;

/** A 409 for an illegal transition names the payment's current state (RFC 9457 extension member). */
public class PaymentConflictMapper {

    @ServerExceptionMapper
    public Response conflict(PaymentConflict e, RoutingContext ctx) {
        return Response.status(409)
                .type(Problem.MEDIA_TYPE)
                .entity(body(e, CorrelationId.of(ctx)))
                .build();
    }

    static LinkedHashMap<String, Object> body(PaymentConflict e, String correlationId) {
        var p = Problem.of(409, e.code(), e.title(), e.getMessage(), correlationId);
        var body = new LinkedHashMap<String, Object>();
        body.put("type", p.type());
        body.put("title", p.title());
        body.put("status", p.status());
        body.put("detail", p.detail());
        body.put("code", p.code());
        body.put("payment_intent_status", e.currentStatus());
        if (correlationId != null) {
            body.put("correlationId", correlationId);
        }
        return body;
    }
}

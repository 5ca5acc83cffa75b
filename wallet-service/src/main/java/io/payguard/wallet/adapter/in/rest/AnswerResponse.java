package io.payguard.wallet.adapter.in.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.payguard.platform.web.Problem;
import io.payguard.wallet.application.Idempotency;

/** An answer kept under an {@code Idempotency-Key} as the HTTP response, the first time and every replay. */
final class AnswerResponse {

    private AnswerResponse() {}

    /** Its status and body (a problem from 400 on), and {@code Idempotent-Replayed}. */
    static Response of(Idempotency.Answer answer) {
        return Response.status(answer.status())
                .type(answer.status() >= 400 ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                .header("Idempotent-Replayed", String.valueOf(answer.replayed()))
                .entity(answer.body())
                .build();
    }
}

package io.payguard.payment.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.payguard.payment.domain.PaymentIntent;

/** What identifies an idempotent POST: its audited action and object, its hash's operation, its answer's kind. */
class IdempotentPostTest {

    private static IdempotentPost<PaymentIntent> post(String objectType, String operation) {
        return IdempotentPost.of(objectType, operation, null, p -> p, p -> "from result");
    }

    @Test
    void aPostIsAnswered200AndProvisionalUnlessToldOtherwise() {
        var post = post("payment_intent", "confirm pi_1");
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.provisional()).isTrue();
        assertThat(post.created().status()).isEqualTo(201);
        assertThat(post.created().provisional()).isTrue();
        assertThat(post.settledInTransaction().provisional()).isFalse();
        assertThat(post.created().settledInTransaction().status()).isEqualTo(201);
    }

    @Test
    void theActionIsTheObjectTypeAndTheVerb() {
        assertThat(post("payment_intent", "confirm pi_1").action()).isEqualTo("payment_intent.confirm");
        assertThat(post("top_up", "create").action()).isEqualTo("top_up.create");
    }

    @Test
    void theAuditedObjectIsThePathsIdElseTheResultsOrAllOnARefusal() {
        var onAnIntent = post("payment_intent", "capture pi_1");
        assertThat(onAnIntent.auditedObject(null)).isEqualTo("pi_1");
        assertThat(onAnIntent.refusedObject()).isEqualTo("pi_1");
        var aNewOne = post("payment_intent", "create");
        assertThat(aNewOne.auditedObject(null)).isEqualTo("from result");
        assertThat(aNewOne.refusedObject()).isEqualTo("*");
    }

    /** Stored keys stay valid: the hash of a payment intent's call never had the object type in it. */
    @Test
    void theHashCoversTheObjectTypeExceptForPaymentIntents() {
        assertThat(post("payment_intent", "refund pi_1").hashedOperation()).isEqualTo("refund pi_1");
        assertThat(post("top_up", "refund pi_1").hashedOperation()).isEqualTo("top_up refund pi_1");
        assertThat(post("payment_review", "approve pi_1").hashedOperation()).isEqualTo("payment_review approve pi_1");
    }

    @Test
    void aRefundIsCreatedAndProvisional() {
        var refund = IdempotentPost.refund("top_up", "pi_1", new PaymentApi.CreateRefund(null));
        assertThat(refund.operation()).isEqualTo("refund pi_1");
        assertThat(refund.status()).isEqualTo(201);
        assertThat(refund.provisional()).isTrue();
    }
}

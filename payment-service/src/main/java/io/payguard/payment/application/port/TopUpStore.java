package io.payguard.payment.application.port;

import java.util.Optional;

import io.payguard.payment.domain.TopUp;
import io.smallrye.mutiny.Uni;

/** The top-ups: which wallet a top-up's card payment is for, and how far its credit got. In the caller's transaction. */
public interface TopUpStore {

    Uni<Void> insert(TopUp topUp);

    Uni<Optional<TopUp>> find(String paymentId);

    Uni<Void> update(TopUp topUp);
}

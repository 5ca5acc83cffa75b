package io.payguard.payment.application;

import io.smallrye.mutiny.Uni;

/**
 * What a caller adds to the (first) transaction of a use case: {@link #begin} is its first statement (the
 * idempotency claim), {@link #end} runs with the use case's result just before the commit (the idempotency answer,
 * the request audit record). Both commit, or roll back, with the change itself.
 */
public interface InTransaction<T> {

    Uni<Void> begin();

    Uni<Void> end(T result);

    static <T> InTransaction<T> none() {
        return new InTransaction<>() {
            @Override
            public Uni<Void> begin() {
                return Uni.createFrom().voidItem();
            }

            @Override
            public Uni<Void> end(T result) {
                return Uni.createFrom().voidItem();
            }
        };
    }
}

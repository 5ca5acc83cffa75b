package io.payguard.payment.adapter.out.persistence;

import static io.payguard.payment.adapter.out.persistence.PgPaymentStore.first;
import static io.payguard.payment.adapter.out.persistence.PgPaymentStore.utc;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.payment.application.port.ClientSecretStore;
import io.smallrye.mutiny.Uni;

/** Client secret hashes in {@code payment_client_secret} (V52), through the Hibernate Reactive session. */
@ApplicationScoped
public class PgClientSecretStore implements ClientSecretStore {

    @Override
    public Uni<Void> save(String paymentId, String secretHash, Instant now) {
        return PgPaymentStore.update(
                        "INSERT INTO payment_client_secret (payment_id, secret_hash, created_at) VALUES (?1, ?2, ?3)",
                        Arrays.asList(paymentId, secretHash, utc(now)))
                .replaceWithVoid();
    }

    @Override
    public Uni<Optional<String>> hash(String paymentId) {
        // two columns: a one-column native query hands back bare values, not rows
        return first(
                "SELECT payment_id, secret_hash FROM payment_client_secret WHERE payment_id = ?1",
                List.of(paymentId),
                r -> String.valueOf(r[1]).trim());
    }
}

package io.payguard.payment.adapter.out.persistence;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.payment.application.CardVault;
import io.payguard.payment.application.port.CardTokenStore;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PgCardTokenStore implements CardTokenStore {

    @Override
    public Uni<Void> insert(CardVault.Token t, String keySubject, int keyVersion, String panEnc) {
        return PgPaymentStore.update(
                        "INSERT INTO card_token (id, owner, key_subject, pan_enc, fingerprint, brand, first6, last4, exp_month, exp_year, created_at) "
                                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                        List.of(
                                t.id(),
                                t.owner(),
                                keySubject,
                                panEnc,
                                t.fingerprint(),
                                t.brand(),
                                t.first6(),
                                t.last4(),
                                t.expMonth(),
                                t.expYear(),
                                PgPaymentStore.utc(t.createdAt())))
                .replaceWithVoid();
    }

    @Override
    public Uni<Optional<CardTokenStore.Stored>> find(String id) {
        return PgPaymentStore.select(
                        "SELECT id, owner, brand, first6, last4, exp_month, exp_year, fingerprint, created_at, key_subject, pan_enc "
                                + "FROM card_token WHERE id = ?1",
                        List.of(id))
                .map(rows -> rows.stream()
                        .findFirst()
                        .map(r -> new CardTokenStore.Stored(
                                new CardVault.Token(
                                        (String) r[0],
                                        (String) r[1],
                                        (String) r[2],
                                        ((String) r[3]).trim(),
                                        ((String) r[4]).trim(),
                                        (int) PgPaymentStore.num(r[5]),
                                        (int) PgPaymentStore.num(r[6]),
                                        (String) r[7],
                                        PgPaymentStore.instant(r[8])),
                                (String) r[9],
                                keyVersion((String) r[10]),
                                (String) r[10])));
    }

    private static int keyVersion(String panEnc) {
        return io.payguard.platform.protection.envelope.FieldEncryptor.keyVersion(panEnc);
    }
}

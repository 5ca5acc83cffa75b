package io.payguard.payment.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.kernel.failure.ApplicationException;
import io.payguard.payment.application.CardVault;
import io.payguard.platform.messaging.NativeSql;
import io.payguard.platform.protection.privacy.ErasureCheck;
import io.payguard.platform.protection.privacy.ErasureOutcome;
import io.payguard.platform.protection.privacy.ErasureOutcome.Action;
import io.payguard.platform.protection.privacy.PrivacyHoldEnd;
import io.payguard.platform.protection.privacy.PrivacyParticipant;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The payment service's privacy participant (issue 18) on a real PostgreSQL: export of the subject's records only,
 * erasure blocked while a payment is processing, the commit (cards unreadable, authenticators, payment codes and SCA
 * challenges gone, intents and refunds under the pseudonym and held P5Y, the same answer twice) and the hold-end job.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class PaymentPrivacyTest {

    @Inject
    PrivacyParticipant participant;

    @Inject
    CardVault vault;

    @Inject
    PrivacyHoldEnd holdEnd;

    static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    static void sql(String statement, Object... params) {
        await(() -> Panache.withTransaction(() -> NativeSql.update(statement, List.of(params))));
    }

    static long count(String query, Object... params) {
        return await(() -> Panache.withSession(() -> NativeSql.select("SELECT (" + query + "), 0", List.of(params))))
                .stream()
                .map(r -> ((Number) r[0]).longValue())
                .findFirst()
                .orElseThrow();
    }

    static String id(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    /** A customer with a card, a succeeded card payment with a refund and an SCA challenge, an authenticator and a code. */
    record Customer(String subject, String card, String payment, String refund, String authenticator, String code) {}

    Customer customer(String status) {
        String subject = UUID.randomUUID().toString();
        String card = await(() -> vault.tokenise(subject, "4242424242424242", 12, 2031))
                .id();
        String payment = id("pi_");
        sql(
                "INSERT INTO payment_intent (id, merchant_id, customer_id, amount_minor, currency, method, capture_method, "
                        + "status, card_token, created_at, updated_at) VALUES (?1, 'merchant-privacy', ?2, 2500, 'CNY', 'card', "
                        + "'automatic', ?3, ?4, now(), now())",
                payment,
                subject,
                status,
                card);
        String refund = id("re_");
        sql(
                "INSERT INTO refund (id, payment_id, amount_minor, currency, status, created_at) "
                        + "VALUES (?1, ?2, 500, 'CNY', 'succeeded', now())",
                refund,
                payment);
        sql(
                "INSERT INTO sca_challenge (payment_id, digest, attempts, expires_at, used) VALUES (?1, 'd', 0, now(), true)",
                payment);
        String authenticator = id("auth_");
        sql(
                "INSERT INTO authenticator (id, customer_id, credential_id, public_key_cose, sign_count, aaguid, name, "
                        + "status, created_at) VALUES (?1, ?2, ?3, 'k', 0, '00000000-0000-0000-0000-000000000000', "
                        + "'my phone', 'active', now())",
                authenticator,
                subject,
                id("cred"));
        String code = id("pc_");
        sql(
                "INSERT INTO payment_code (id, digest, customer_id, key_thumbprint, funding, level, tail, status, "
                        + "created_at, expires_at) VALUES (?1, ?2, ?3, 'jkt', 'wallet', 'A', '1234', 'expired', now(), now())",
                code,
                id("dg"),
                subject);
        return new Customer(subject, card, payment, refund, authenticator, code);
    }

    @Test
    void exportHoldsTheSubjectsRecordsMaskedAndNothingOfAnother() {
        var alice = customer("succeeded");
        var bob = customer("succeeded");

        ObjectNode export = await(() -> participant.export(alice.subject()));

        assertThat(participant.service()).isEqualTo("payment-service");
        assertThat(export.path("payments")).hasSize(1);
        assertThat(export.path("payments").get(0).path("id").asText()).isEqualTo(alice.payment());
        assertThat(export.path("payments").get(0).path("amount").asLong()).isEqualTo(2500);
        assertThat(export.path("payments").get(0).path("merchant").asText()).isEqualTo("merchant-privacy");
        assertThat(export.path("refunds").get(0).path("id").asText()).isEqualTo(alice.refund());
        var card = export.path("cards").get(0);
        assertThat(card.path("id").asText()).isEqualTo(alice.card());
        assertThat(card.path("brand").asText()).isEqualTo("visa");
        assertThat(card.path("last4").asText()).isEqualTo("4242");
        assertThat(card.path("exp").asText()).isEqualTo("12/2031");
        assertThat(export.path("authenticators").get(0).path("name").asText()).isEqualTo("my phone");
        assertThat(export.path("paymentCodes").get(0).path("id").asText()).isEqualTo(alice.code());
        assertThat(export.has("bankAccounts")).isTrue();
        assertThat(export.toString())
                .doesNotContain("4242424242424242")
                .doesNotContain(bob.subject())
                .doesNotContain(bob.payment())
                .doesNotContain(bob.card());
    }

    @Test
    void erasureIsBlockedWhileAPaymentIsProcessingAndReadyOtherwise() {
        var busy = customer("processing");
        assertThat(await(() -> participant.prepareErasure(id("dsr_"), busy.subject())))
                .isInstanceOfSatisfying(
                        ErasureCheck.Blocked.class, b -> assertThat(b.code()).isEqualTo("payment_in_progress"));
        var idle = customer("succeeded");
        assertThat(await(() -> participant.prepareErasure(id("dsr_"), idle.subject())))
                .isInstanceOf(ErasureCheck.Ready.class);
        await(() -> participant.abortErasure(id("dsr_"), idle.subject()).replaceWith(true));
    }

    @Test
    void commitErasesWhatMayGoPseudonymisesAndHoldsTheRestAnswersTheSameTwiceAndTheHoldEnds() {
        var carol = customer("succeeded");
        var other = customer("succeeded");
        String request = id("dsr_");
        String pseudonym = id("psn_");
        Instant before = Instant.now();

        List<ErasureOutcome> outcomes = await(() -> participant.commitErasure(request, carol.subject(), pseudonym));

        assertThat(outcomes)
                .extracting(ErasureOutcome::dataType, ErasureOutcome::action, ErasureOutcome::count)
                .contains(
                        tuple("card_tokens", Action.ERASED, 1L),
                        tuple("authenticators", Action.ERASED, 1L),
                        tuple("payment_codes", Action.ERASED, 1L),
                        tuple("sca_challenges", Action.ERASED, 1L),
                        tuple("payment_intents", Action.PSEUDONYMISED_HELD, 1L),
                        tuple("refunds", Action.PSEUDONYMISED_HELD, 1L));
        Instant fiveYears =
                before.atOffset(ZoneOffset.UTC).plus(Period.ofYears(5)).toInstant();
        assertThat(outcomes)
                .filteredOn(o -> o.action() == Action.PSEUDONYMISED_HELD)
                .allSatisfy(o -> {
                    assertThat(o.holdUntil()).isBetween(fiveYears.minusSeconds(1), fiveYears.plusSeconds(120));
                    assertThat(o.legalBasis()).contains("Anti-Money Laundering");
                });

        // cards unreadable, the rest gone, the intent under the pseudonym
        assertThatThrownBy(() ->
                        await(() -> Panache.withSession(() -> vault.reveal(carol.card(), Set.of(carol.subject())))))
                .isInstanceOfSatisfying(
                        ApplicationException.class, e -> assertThat(e.code()).isEqualTo("invalid_payment_method"));
        assertThat(count(
                        "SELECT count(*) FROM protection_subject_key WHERE subject = ?1 AND wrapped_key IS NOT NULL",
                        carol.subject()))
                .isZero();
        assertThat(count("SELECT count(*) FROM authenticator WHERE id = ?1", carol.authenticator()))
                .isZero();
        assertThat(count("SELECT count(*) FROM payment_code WHERE id = ?1", carol.code()))
                .isZero();
        assertThat(count("SELECT count(*) FROM sca_challenge WHERE payment_id = ?1", carol.payment()))
                .isZero();
        assertThat(count(
                        "SELECT count(*) FROM payment_intent WHERE id = ?1 AND customer_id = ?2",
                        carol.payment(),
                        pseudonym))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM payment_intent WHERE customer_id = ?1", carol.subject()))
                .isZero();
        assertThat(count(
                        "SELECT count(*) FROM privacy_outcome WHERE request_id = ?1 AND hold_until IS NOT NULL",
                        request))
                .isEqualTo(3);
        assertThat(await(() -> participant.export(carol.subject())).path("payments"))
                .isEmpty();
        // the other customer is untouched
        assertThat(await(() -> Panache.withSession(() -> vault.reveal(other.card(), Set.of(other.subject()))))
                        .last4())
                .isEqualTo("4242");

        assertThat(await(() -> participant.commitErasure(request, carol.subject(), pseudonym)))
                .isEqualTo(outcomes);

        // the hold-end job: nothing before the end of the hold, the pseudonymised records after it
        await(() -> holdEnd.endHolds(Instant.now()));
        assertThat(count("SELECT count(*) FROM payment_intent WHERE id = ?1", carol.payment()))
                .isEqualTo(1);
        var report = await(() -> holdEnd.endHolds(fiveYears.plusSeconds(600)));
        assertThat(report.holdsEnded()).isGreaterThanOrEqualTo(1);
        assertThat(report.rowsDeleted()).isGreaterThanOrEqualTo(2);
        assertThat(count("SELECT count(*) FROM payment_intent WHERE id = ?1", carol.payment()))
                .isZero();
        assertThat(count("SELECT count(*) FROM refund WHERE id = ?1", carol.refund()))
                .isZero();
        assertThat(count("SELECT count(*) FROM payment_intent WHERE id = ?1", other.payment()))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM privacy_outcome WHERE request_id = ?1 AND hold_ended_at IS NOT NULL "
                                + "AND deleted_count = 2",
                        request))
                .isEqualTo(3);
    }
}

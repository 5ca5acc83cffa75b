package io.payguard.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.payguard.audit.adapter.out.persistence.ChainRepository;
import io.payguard.audit.application.ChainVerification;
import io.payguard.audit.application.LegacyRecordAdoption;
import io.payguard.audit.domain.chain.Ed25519SignatureCheck;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Records left in V1's table (audit_record_v1) are chained once, in recording order, with their original recording
 * time, and the chain stays intact; running the adoption again (a restart, a second replica) chains nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class LegacyRecordAdoptionTest {

    @Inject
    LegacyRecordAdoption adoption;

    @Test
    void v1RecordsAreChainedOnceInRecordingOrderKeepingTheirTime() throws Exception {
        var ids = new ArrayList<UUID>();
        // recent: records older than the hot retention would count as due for archiving in the other tests
        var recorded = OffsetDateTime.now(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS)
                .minusMinutes(5);
        try (var c = ChainTamperingTest.connect();
                var insert = c.prepareStatement("INSERT INTO audit_record_v1 (id, occurred_at, recorded_at,"
                        + " source_service, action, object_type, object_id, outcome, actor_subject, actor_client,"
                        + " actor_roles, origin_ip, user_agent, correlation_id)"
                        + " VALUES (?, ?, ?, 'payment-service', 'payment.create', 'payment', ?, 'success',"
                        + " 'merchant-1', 'demo-merchant-a', 'merchant,reader', '10.0.0.1', 'legacy', 'corr-1')")) {
            // inserted out of order: the chain follows recorded_at
            for (int i : new int[] {2, 0, 1}) {
                var id = UUID.randomUUID();
                ids.add(id);
                insert.setObject(1, id);
                insert.setObject(2, recorded.minusMinutes(1).plusSeconds(i));
                insert.setObject(3, recorded.plusSeconds(i));
                insert.setString(4, "pi_legacy_" + i);
                insert.executeUpdate();
            }
        }

        assertThat(adoption.adopt()).as("chained now").isGreaterThanOrEqualTo(3);
        assertThat(adoption.adopt()).as("nothing is chained twice").isZero();

        try (var c = ChainTamperingTest.connect()) {
            var chained = new ArrayList<String>();
            try (var q = c.prepareStatement(
                    "SELECT object_id, recorded_at, actor_roles FROM audit_record WHERE id = ANY (?) ORDER BY seq")) {
                q.setArray(1, c.createArrayOf("uuid", ids.toArray()));
                try (var rs = q.executeQuery()) {
                    while (rs.next()) {
                        chained.add(rs.getString(1) + "@"
                                + rs.getObject(2, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC)
                                + " " + List.of((String[]) rs.getArray(3).getArray()));
                    }
                }
            }
            assertThat(chained)
                    .containsExactly(
                            "pi_legacy_0@" + recorded + " [merchant, reader]",
                            "pi_legacy_1@" + recorded.plusSeconds(1) + " [merchant, reader]",
                            "pi_legacy_2@" + recorded.plusSeconds(2) + " [merchant, reader]");
            var signatures = new Ed25519SignatureCheck(ChainRepository.on(c).publicKeys());
            assertThat(new ChainVerification()
                            .run(ChainRepository.on(c), ChainVerification.Request.full(), signatures)
                            .report()
                            .intact())
                    .as("the chain verifies with the adopted records in it")
                    .isTrue();
        }
    }
}

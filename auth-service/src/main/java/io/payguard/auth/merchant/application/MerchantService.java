package io.payguard.auth.merchant.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.auth.merchant.adapter.out.persistence.MerchantEntity;
import io.payguard.auth.merchant.domain.Merchant;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.Outbox;
import io.payguard.platform.messaging.Topics;
import io.payguard.platform.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Onboarding: the merchant's Keycloak client is created first (an external system, no transaction spans
 * both); then its record, default limits and the security event commit together. If the database step
 * fails after Keycloak succeeded, the client is removed again (compensation), and the failure is answered. Should
 * the removal fail too (Keycloak unreachable at that moment), the client's secret was never handed out, and a retry
 * with the same id takes the client over with a new secret: either way the retry onboards the merchant.
 */
@ApplicationScoped
public class MerchantService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(MerchantService.class);

    public record Onboarded(Merchant merchant, String clientSecret) {
    }

    private final IdentityProvisioner provisioner;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final long defaultPerTransaction;
    private final long defaultDaily;
    private final io.payguard.platform.web.money.MoneyInputs money;

    public MerchantService(IdentityProvisioner provisioner, Outbox outbox, ObjectMapper mapper, Clock clock,
            io.payguard.platform.web.money.MoneyInputs money,
            @ConfigProperty(name = "payguard.merchant.default-limits.per-transaction-minor", defaultValue = "5000000") long defaultPerTransaction,
            @ConfigProperty(name = "payguard.merchant.default-limits.daily-minor", defaultValue = "50000000") long defaultDaily) {
        this.provisioner = provisioner;
        this.outbox = outbox;
        this.mapper = mapper;
        this.clock = clock;
        this.defaultPerTransaction = defaultPerTransaction;
        this.defaultDaily = defaultDaily;
        this.money = money;
    }

    public Uni<Onboarded> onboard(String id, String name, String currency, String operator) {
        Instant now = clock.instant();
        Merchant merchant;
        try {
            merchant = new Merchant(id, name, money.currency(currency == null ? "CNY" : currency, "currency"), defaultPerTransaction, defaultDaily,
                    Merchant.Status.ACTIVE, now);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "invalid_merchant", "Invalid merchant", e.getMessage());
        }
        return Panache.withSession(() -> MerchantEntity.<MerchantEntity>findById(id))
                .flatMap(existing -> existing != null
                        ? Uni.createFrom().failure(new ProblemException(409, "merchant_exists", "Merchant exists", "merchant '" + id + "' is already onboarded"))
                        : provisioner.createMerchantClient(id, name))
                .flatMap(client -> Panache.withTransaction(() -> MerchantEntity.from(merchant, operator).persist()
                        .chain(() -> outbox.append(Topics.SECURITY_EVENTS, "merchant", id, onboardedEvent(merchant, operator, now))))
                        .replaceWith(new Onboarded(merchant, client.clientSecret()))
                        .onFailure().call(failure -> removeUnrecordedClient(id)));
    }

    /**
     * Compensation: the client goes unless a merchant of that id is on record after all (a concurrent onboarding of
     * the same id won the insert: its client must stay).
     */
    private Uni<Void> removeUnrecordedClient(String id) {
        return Panache.withSession(() -> MerchantEntity.<MerchantEntity>findById(id))
                .flatMap(recorded -> recorded != null ? Uni.createFrom().voidItem() : provisioner.removeMerchantClient(id))
                .onFailure().invoke(e -> LOG.warnf("onboarding of merchant %s failed and its Keycloak client could not be removed (%s); "
                        + "a retry with the same id takes it over", id, e.getClass().getSimpleName()))
                .onFailure().recoverWithNull();
    }

    public Uni<List<Merchant>> list() {
        return Panache.withSession(() -> MerchantEntity.<MerchantEntity>listAll())
                .map(rows -> rows.stream().map(MerchantEntity::toDomain).toList());
    }

    private CloudEvent onboardedEvent(Merchant m, String operator, Instant now) {
        var data = mapper.createObjectNode();
        data.putObject("actor").put("subject", operator);
        data.put("action", "merchant.onboard");
        data.put("objectType", "merchant");
        data.put("objectId", m.id());
        data.put("outcome", "success");
        data.put("service", "auth-service");
        return CloudEvent.of(UUID.randomUUID().toString(), "/payguard/auth-service", "io.payguard.security.merchant.onboarded.v1",
                "merchant/" + m.id(), now, data);
    }
}

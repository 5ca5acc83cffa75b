package io.payguard.auth.merchant.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.payguard.auth.merchant.application.port.IdentityProvisioner;
import io.payguard.auth.merchant.application.port.MerchantEvents;
import io.payguard.auth.merchant.application.port.MerchantStore;
import io.payguard.auth.merchant.domain.Merchant;
import io.payguard.kernel.failure.ApplicationException;
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

    public record Onboarded(Merchant merchant, String clientSecret) {}

    private final MerchantStore store;
    private final IdentityProvisioner provisioner;
    private final MerchantEvents events;
    private final Clock clock;
    private final long defaultPerTransaction;
    private final long defaultDaily;
    private final io.payguard.platform.web.money.MoneyInputs money;

    public MerchantService(
            MerchantStore store,
            IdentityProvisioner provisioner,
            MerchantEvents events,
            Clock clock,
            io.payguard.platform.web.money.MoneyInputs money,
            @ConfigProperty(name = "payguard.merchant.default-limits.per-transaction-minor", defaultValue = "5000000")
                    long defaultPerTransaction,
            @ConfigProperty(name = "payguard.merchant.default-limits.daily-minor", defaultValue = "50000000")
                    long defaultDaily) {
        this.store = store;
        this.provisioner = provisioner;
        this.events = events;
        this.clock = clock;
        this.defaultPerTransaction = defaultPerTransaction;
        this.defaultDaily = defaultDaily;
        this.money = money;
    }

    /** {@code perTransaction} and {@code daily} (minor units) may be null: the deployment's default limits then apply. */
    public Uni<Onboarded> onboard(
            String id, String name, String currency, Long perTransaction, Long daily, String operator) {
        Instant now = clock.instant();
        Merchant merchant;
        try {
            long perTransactionLimit = perTransaction == null ? defaultPerTransaction : perTransaction;
            long dailyLimit = daily == null ? Math.max(defaultDaily, perTransactionLimit) : daily;
            merchant = new Merchant(
                    id,
                    name,
                    money.currency(currency == null ? "CNY" : currency, "currency"),
                    perTransactionLimit,
                    dailyLimit,
                    Merchant.Status.ACTIVE,
                    now,
                    false);
        } catch (IllegalArgumentException e) {
            throw ApplicationException.invalid("invalid_merchant", "Invalid merchant", e.getMessage());
        }
        return Panache.withSession(() -> store.find(id))
                .flatMap(existing -> existing.isPresent()
                        ? Uni.createFrom()
                                .failure(ApplicationException.stateConflict(
                                        "merchant_exists",
                                        "Merchant exists",
                                        "merchant '" + id + "' is already onboarded"))
                        : provisioner.createMerchantClient(id, name))
                .flatMap(client -> Panache.withTransaction(() -> store.add(merchant, operator)
                                .chain(() ->
                                        events.changed(merchant, List.of(), "onboard", "onboarded", operator, now)))
                        .replaceWith(new Onboarded(merchant, client.clientSecret()))
                        .onFailure()
                        .call(failure -> removeUnrecordedClient(id)));
    }

    /**
     * Compensation: the client goes unless a merchant of that id is on record after all (a concurrent onboarding of
     * the same id won the insert: its client must stay).
     */
    private Uni<Void> removeUnrecordedClient(String id) {
        return Panache.withSession(() -> store.find(id))
                .flatMap(recorded ->
                        recorded.isPresent() ? Uni.createFrom().voidItem() : provisioner.removeMerchantClient(id))
                .onFailure()
                .invoke(e -> LOG.warnf(
                        "onboarding of merchant %s failed and its Keycloak client could not be removed (%s); "
                                + "a retry with the same id takes it over",
                        id, e.getClass().getSimpleName()))
                .onFailure()
                .recoverWithNull();
    }

    public Uni<List<Merchant>> list() {
        return Panache.withSession(store::list);
    }

    /**
     * Suspends ({@code active=false}) or reactivates a merchant: the record, its new state on {@code auth.merchants} and
     * the security event commit together. Idempotent: a merchant already in that status is answered as it is, with no
     * new event. The row is locked, so two changes of one merchant reach the topic in the order they committed.
     */
    public Uni<Merchant> setActive(String id, boolean active, String operator) {
        var wanted = active ? Merchant.Status.ACTIVE : Merchant.Status.SUSPENDED;
        return Panache.withTransaction(() -> store.lock(id).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(notFound(id));
            }
            if (found.get().status() == wanted) {
                return Uni.createFrom().item(found.get());
            }
            var changed = found.get().withStatus(wanted);
            return store.updateStatus(changed)
                    .chain(() -> store.signingKeys(id))
                    .chain(keys -> events.changed(
                            changed,
                            keys,
                            active ? "reactivate" : "suspend",
                            active ? "reactivated" : "suspended",
                            operator,
                            clock.instant()))
                    .replaceWith(changed);
        }));
    }

    public Uni<Merchant> get(String id) {
        return Panache.withSession(() -> store.find(id)).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    /**
     * Records a merchant whose OAuth 2.0 client already exists (the demo merchants of the dev realm), with the default
     * limits, unless it is on record already; returns whether it was recorded now.
     */
    public Uni<Boolean> seed(String id, String currency, String operator) {
        Instant now = clock.instant();
        var merchant = new Merchant(
                id,
                id,
                money.currency(currency, "currency"),
                defaultPerTransaction,
                defaultDaily,
                Merchant.Status.ACTIVE,
                now,
                false);
        return Panache.withTransaction(() -> store.find(id)
                .flatMap(existing -> existing.isPresent()
                        ? Uni.createFrom().item(false)
                        : store.add(merchant, operator)
                                .chain(() -> events.changed(merchant, List.of(), "seed", "seeded", operator, now))
                                .replaceWith(true)));
    }

    private static ApplicationException notFound(String id) {
        return ApplicationException.notFound("merchant_not_found", "Merchant not found");
    }
}

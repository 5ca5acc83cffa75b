package io.payguard.auth.merchant.adapter.in.startup;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.payguard.auth.merchant.application.MerchantService;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;

/**
 * The dev stack's demo merchants ({@code demo-merchant-a}, {@code demo-merchant-b}) exist as Keycloak clients in the
 * realm that {@code ./dev} imports; {@code ./dev} lists them in {@code payguard.merchant.demo-seed} so that auth-service
 * records them as merchants (default limits, settlement currency CNY) when it starts, exactly once, and they reach the
 * merchant directory like any onboarded merchant. Empty by default: a production deployment seeds nothing.
 */
@ApplicationScoped
public class DemoMerchantSeed {

    private static final Logger LOG = Logger.getLogger(DemoMerchantSeed.class);

    private final MerchantService merchants;
    private final List<String> ids;

    public DemoMerchantSeed(
            MerchantService merchants,
            @ConfigProperty(name = "payguard.merchant.demo-seed") Optional<List<String>> ids) {
        this.merchants = merchants;
        this.ids = ids.orElse(List.of());
    }

    void start(@Observes StartupEvent ignored, Vertx vertx) {
        if (!ids.isEmpty()) {
            attempt(vertx);
        }
    }

    /** Until the database answers (it may still be starting): again every few seconds, each time on a fresh context. */
    private void attempt(Vertx vertx) {
        var context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(v -> Multi.createFrom()
                .iterable(ids)
                .onItem()
                .transformToUniAndConcatenate(id -> merchants
                        .seed(id, "CNY", "system:demo-seed")
                        .invoke(recorded -> {
                            if (recorded) {
                                LOG.infof("demo merchant %s recorded", id);
                            }
                        }))
                .collect()
                .asList()
                .subscribe()
                .with(x -> {}, e -> {
                    LOG.warnf("demo merchants could not be recorded yet, retrying: %s", e.toString());
                    vertx.setTimer(3000, t -> attempt(vertx));
                }));
    }
}

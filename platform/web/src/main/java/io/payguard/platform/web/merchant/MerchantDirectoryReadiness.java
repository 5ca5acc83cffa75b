package io.payguard.platform.web.merchant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.arc.properties.IfBuildProperty;

/** DOWN until the {@link MerchantDirectory} has read {@code auth.merchants} to where it ended at start. */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = MerchantStates.ENABLED, stringValue = "true", enableIfMissing = true)
public class MerchantDirectoryReadiness implements HealthCheck {

    private final MerchantDirectory directory;

    public MerchantDirectoryReadiness(MerchantDirectory directory) {
        this.directory = directory;
    }

    @Override
    public HealthCheckResponse call() {
        return directory.catchUp().health("merchant directory");
    }
}

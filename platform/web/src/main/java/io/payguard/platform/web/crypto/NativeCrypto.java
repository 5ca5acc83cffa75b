package io.payguard.platform.web.crypto;

import java.security.Security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Puts the Amazon Corretto Crypto Provider (ACCP: AWS-LC, OpenSSL-derived native code) first among the JCA providers
 * when it loads on this platform, and leaves the JDK's providers in charge when it does not.
 *
 * <p>Why: every DPoP proof is an ES256 signature verified on the request path, and the JDK's pure-Java P-256
 * verification cost about 0.5 ms of CPU per proof on the benchmark machine against about 0.06 ms with ACCP (issue 20;
 * RS256 token signatures and AES-GCM get faster too). Nothing else changes: the algorithms, keys and wire formats are
 * the standard JCA ones, and code asks for algorithms by name ({@code Signature.getInstance("SHA256withECDSA")}), so it
 * takes whichever provider is first.
 *
 * <p>ACCP ships native code for linux-x86_64 only (the jar on the class path); on any other platform, or with
 * {@code payguard.crypto.native-provider=false}, the JDK's providers stay. The choice is logged once at startup and
 * exported as the gauge {@code payguard_crypto_native_provider} (1 = ACCP, 0 = JDK).
 */
@ApplicationScoped
public class NativeCrypto {

    private static final Logger LOG = Logger.getLogger(NativeCrypto.class);

    private final boolean wanted;
    private final MeterRegistry registry;
    private volatile boolean installed;

    public NativeCrypto(
            @ConfigProperty(name = "payguard.crypto.native-provider", defaultValue = "true") boolean wanted,
            MeterRegistry registry) {
        this.wanted = wanted;
        this.registry = registry;
    }

    /** Early among the startup observers, before anything verifies a signature. */
    void install(@Observes @Priority(1) StartupEvent ignored) {
        installed = wanted && installProvider();
        Gauge.builder("payguard.crypto.native.provider", () -> installed ? 1 : 0)
                .description("1 when the Amazon Corretto Crypto Provider is the first JCA provider, 0 for the JDK's")
                .register(registry);
    }

    /** Whether ACCP is installed as the first provider (idempotent). */
    public boolean installed() {
        return installed;
    }

    private static boolean installProvider() {
        try {
            var accp = AmazonCorrettoCryptoProvider.INSTANCE;
            if (accp.getLoadingError() != null) {
                LOG.infof(
                        "native crypto provider not available here (%s): using the JDK's providers",
                        accp.getLoadingError().toString());
                return false;
            }
            accp.assertHealthy();
            if (!accp.getName().equals(Security.getProviders()[0].getName())) {
                AmazonCorrettoCryptoProvider.install();
            }
            LOG.infof("native crypto provider %s installed first (ES256/RS256 verification, AES-GCM)", accp.getInfo());
            return true;
        } catch (RuntimeException | LinkageError e) {
            LOG.warnf("native crypto provider failed its checks (%s): using the JDK's providers", e.toString());
            return false;
        }
    }
}

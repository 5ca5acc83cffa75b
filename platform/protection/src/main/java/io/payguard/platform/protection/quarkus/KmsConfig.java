package io.payguard.platform.protection.quarkus;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "payguard.kms")
public interface KmsConfig {

    /** {@code local} or {@code vault}: read at start, so one build runs with either. */
    @WithDefault("local")
    String provider();

    /** The key encryption key that wraps per-subject data keys. */
    @WithDefault("payguard-pii-kek")
    String kekName();

    /** The MAC key of blind indexes. */
    @WithDefault("payguard-blind-index")
    String blindIndexKey();

    /** How many unwrapped data keys stay in memory. */
    @WithDefault("10000")
    int dataKeyCacheSize();

    Local local();

    interface Local {
        @WithDefault(".dev/keys")
        String directory();

        Optional<String> masterKey();

        @WithDefault("false")
        boolean generateMasterKey();
    }

    Vault vault();

    /** Vault Transit (provider {@code vault}): the address and one way to log in, token or Kubernetes. */
    interface Vault {
        /** e.g. https://vault.example:8200; required with provider vault. */
        Optional<String> url();

        /** Token auth (development, tests). */
        Optional<String> token();

        /** Kubernetes auth: the Vault role bound to the pod's service account (used when no token is set). */
        Optional<String> kubernetesRole();

        /** The service account token presented at {@code auth/kubernetes/login}. */
        @WithDefault("/var/run/secrets/kubernetes.io/serviceaccount/token")
        String kubernetesJwtPath();

        @WithDefault("transit")
        String transitMount();

        /** KV v2 mount where destroyed key names are recorded. */
        @WithDefault("secret")
        String kvMount();

        @WithDefault("PT5S")
        Duration timeout();
    }
}

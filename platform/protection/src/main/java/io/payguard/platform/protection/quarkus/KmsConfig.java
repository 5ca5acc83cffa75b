package io.payguard.platform.protection.quarkus;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "payguard.kms")
public interface KmsConfig {

    /** {@code local} or {@code vault}. */
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
}

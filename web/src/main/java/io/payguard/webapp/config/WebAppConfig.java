package io.payguard.webapp.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the browser finds the suite. The single-page app reads these from {@code GET /config.json}; the
 * Content-Security-Policy's {@code connect-src} is built from the same values, so the app can reach nothing else.
 */
@ConfigMapping(prefix = "payguard.web")
public interface WebAppConfig {

    /** The realm's issuer URL, e.g. {@code http://127.0.0.1:18080/realms/payguard}. */
    String issuer();

    /** The public OAuth client the app logs in with (PAR + PKCE + DPoP-bound tokens). */
    @WithDefault("payguard-web")
    String clientId();

    /** Base URLs of the four services as the browser reaches them (with CORS for this app's origin). */
    Services services();

    /** Locales offered, the first is the default. */
    @WithDefault("en,zh-CN")
    List<String> locales();

    interface Services {
        String auth();

        String payment();

        String wallet();

        String audit();
    }
}

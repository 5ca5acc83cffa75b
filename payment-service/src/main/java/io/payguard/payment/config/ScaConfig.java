package io.payguard.payment.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Strong customer authentication the customer can complete (issue 17): WebAuthn authenticators (device-bound
 * confirmation with dynamic linking) and the channels of one-time codes. The thresholds and code lifetimes stay in
 * {@code payguard.risk.sca.*} ({@link RiskConfig.Sca}).
 */
@ConfigMapping(prefix = "payguard.sca")
public interface ScaConfig {

    /**
     * The channels of one-time codes, in order: {@code log} (dev and test only: refused at start in the prod profile)
     * writes the challenge to the log; of {@code email} and {@code sms} the first one the customer's token gives a
     * verified destination for gets the code (the next one if sending fails).
     */
    @WithDefault("email,sms")
    List<String> channels();

    /**
     * The {@code log} channel outside the dev and test profiles (a local stack running packaged jars, {@code ./dev});
     * false: a prod-profile start with {@code log} among the channels is refused.
     */
    @WithDefault("false")
    boolean allowLogChannel();

    /**
     * A payment whose risk assessment named one of these rules passes SCA only with a device-bound confirmation
     * (WebAuthn); a one-time code is refused 403 {@code device_confirmation_required}.
     */
    @WithDefault("barcode_dynamic_level_b")
    List<String> deviceRequiredRules();

    WebAuthn webauthn();

    Sms sms();

    interface WebAuthn {
        /** The relying party id (a registrable domain suffix of the origins). */
        @WithDefault("localhost")
        String rpId();

        @WithDefault("PayGuard")
        String rpName();

        /** The origins the browser or app may report in clientDataJSON. */
        @WithDefault("http://localhost:3000")
        List<String> origins();

        /** Registering an authenticator needs a login (the token's {@code auth_time}) at most this long ago. */
        @WithDefault("PT5M")
        Duration stepUpMaxAge();

        /** A registration's challenge is valid this long (and once). */
        @WithDefault("PT5M")
        Duration registrationTtl();

        /** The {@code timeout} the client is given for a ceremony. */
        @WithDefault("PT2M")
        Duration timeout();

        /** At most this many active authenticators per customer. */
        @WithDefault("10")
        int maxPerCustomer();
    }

    interface Sms {
        /** The SMS gateway's base URL ({@code POST {url}/v1/messages}); absent: no SMS channel. */
        Optional<URI> gatewayUrl();

        /** The gateway's bearer token (from the environment, never in git). */
        Optional<String> gatewayToken();

        @WithDefault("PT5S")
        Duration timeout();
    }
}

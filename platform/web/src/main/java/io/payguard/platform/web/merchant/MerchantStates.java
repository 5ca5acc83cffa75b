package io.payguard.platform.web.merchant;

/**
 * The compacted topic that carries every merchant's current state, keyed by merchant id, published by the auth service
 * (which owns merchants) through its outbox. Contract: contracts/events/README.md.
 */
public final class MerchantStates {
    public static final String TOPIC = "auth.merchants";
    public static final String STATE_TYPE = "io.payguard.auth.merchant.state.v1";
    public static final String CHANNEL = "payguard-merchants";
    /** Build-time switch: services that never look merchants up (auth, audit) leave the directory out. */
    public static final String ENABLED = "payguard.merchant-directory.enabled";

    private MerchantStates() {}
}

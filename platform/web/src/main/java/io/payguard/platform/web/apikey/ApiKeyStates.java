package io.payguard.platform.web.apikey;

/** The compacted topic that carries every API key's current state (hash, scopes, expiry, revocation). */
public final class ApiKeyStates {
    public static final String TOPIC = "auth.apikeys";
    public static final String STATE_TYPE = "io.payguard.auth.apikey.state.v1";
    public static final String CHANNEL = "payguard-apikeys";

    private ApiKeyStates() {}
}

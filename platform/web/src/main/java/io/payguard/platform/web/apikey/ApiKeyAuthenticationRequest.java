package io.payguard.platform.web.apikey;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A presented {@code Bearer sk_…} / {@code pk_…} / {@code rk_…} credential. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {
    private final String secret;

    public ApiKeyAuthenticationRequest(String secret) {
        this.secret = secret;
    }

    public String secret() {
        return secret;
    }
}

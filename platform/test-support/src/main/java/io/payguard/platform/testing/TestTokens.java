package io.payguard.platform.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Keycloak-shaped access tokens for {@code @QuarkusTest}s, signed with the key that
 * {@code OidcWiremockTestResource} publishes in its JWKS, so the service verifies them for real.
 */
public final class TestTokens {

    public static final String ISSUER = "https://server.example.com";

    private TestTokens() {}

    public static JwtClaimsBuilder claims(String subject, String audience, List<String> roles) {
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .audience(audience)
                .claim("typ", "Bearer")
                .claim("azp", "payguard-test-client")
                .claim("scope", "openid profile")
                .claim("realm_access", Map.of("roles", roles))
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plus(Duration.ofMinutes(5)));
    }

    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId("1").sign("privateKey.jwk");
    }

    public static String token(String subject, String audience, String... roles) {
        return sign(claims(subject, audience, List.of(roles)));
    }
}

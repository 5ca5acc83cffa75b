package io.payguard.platform.web.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.EllipticCurves;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.web.apikey.ApiKeyRegistry;
import io.payguard.platform.web.apikey.ApiKeyStates;
import io.payguard.platform.web.dpop.DpopProofVerifier;

/**
 * What authentication costs per request once warm, for each way in: the local verification of a Keycloak-style
 * RS256 access token against a cached JWKS key (what the OIDC extension does: signature, issuer, audience,
 * expiry), the API key look-up (SHA-256 + map), and a DPoP proof check on top of a token.
 * {@code ./mvnw -pl platform/web clean verify -Pbenchmark -DskipTests}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AuthenticationBenchmark {

    private JwtConsumer consumer;
    private String accessToken;
    private ApiKeyRegistry registry;
    private String apiKey;
    private DpopProofVerifier dpop;
    private EcProof proof;

    record EcProof(JsonWebKey key, org.jose4j.jwk.EllipticCurveJsonWebKey ec) {}

    @Setup
    public void setUp() throws Exception {
        RsaJsonWebKey rsa = RsaJwkGenerator.generateJwk(2048);
        rsa.setKeyId("k1");
        var claims = new JwtClaims();
        claims.setIssuer("https://keycloak.example/realms/payguard");
        claims.setAudience("payguard-payment-api");
        claims.setSubject(UUID.randomUUID().toString());
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setIssuedAtToNow();
        claims.setStringClaim("typ", "Bearer");
        claims.setClaim("realm_access", Map.of("roles", List.of("customer", "default-roles-payguard")));
        var jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(rsa.getPrivateKey());
        jws.setKeyIdHeaderValue("k1");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        accessToken = jws.getCompactSerialization();
        consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(30)
                .setExpectedIssuer("https://keycloak.example/realms/payguard")
                .setExpectedAudience("payguard-payment-api")
                .setVerificationKey(rsa.getPublicKey())
                .setJwsAlgorithmConstraints(
                        AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .build();

        registry = new ApiKeyRegistry(new SimpleMeterRegistry());
        var mapper = new ObjectMapper();
        apiKey = "sk_test_" + "a1B2c3D4e5F6g7H8i9J0".repeat(3).substring(0, 43);
        for (int i = 0; i < 10_000; i++) {
            String secret = i == 0 ? apiKey : "sk_test_" + String.format("%043d", i);
            var data = mapper.createObjectNode()
                    .put("keyId", "key_" + i)
                    .put("merchantId", "m-" + i % 100)
                    .put("kind", "SECRET")
                    .put("mode", "TEST")
                    .put("secretHash", io.payguard.kernel.ApiKeyFormat.hash(secret));
            data.putArray("scopes").add("payments:write");
            registry.apply(CloudEvent.of(
                    UUID.randomUUID().toString(), "/bench", ApiKeyStates.STATE_TYPE, null, Instant.now(), data));
        }

        dpop = new DpopProofVerifier(Duration.ofSeconds(60), Duration.ofSeconds(5));
        var ec = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        proof = new EcProof(JsonWebKey.Factory.newJwk(ec.getPublicKey()), ec);
    }

    private String newProof() throws Exception {
        var claims = new JwtClaims();
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setStringClaim("htm", "GET");
        claims.setStringClaim("htu", "https://api.example/v1/me");
        claims.setIssuedAtToNow();
        claims.setStringClaim("ath", DpopProofVerifier.ath(accessToken));
        var jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setHeader("typ", "dpop+jwt");
        jws.getHeaders().setJwkHeaderValue("jwk", proof.key());
        jws.setKey(proof.ec().getPrivateKey());
        return jws.getCompactSerialization();
    }

    @Benchmark
    public Object bearerTokenVerification() throws Exception {
        return consumer.processToClaims(accessToken);
    }

    @Benchmark
    public Object apiKeyLookup() {
        return registry.lookup(apiKey).orElseThrow();
    }

    /** Includes signing a fresh proof (the client's cost) — see dpopProofSigningOnly to subtract it. */
    @Benchmark
    public Object dpopProofVerificationIncludingSigning() throws Exception {
        return dpop.verify(newProof(), "GET", "https://api.example/v1/me", accessToken, Instant.now());
    }

    @Benchmark
    public Object dpopProofSigningOnly() throws Exception {
        return newProof();
    }
}

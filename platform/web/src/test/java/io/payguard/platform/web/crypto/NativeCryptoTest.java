package io.payguard.platform.web.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@link NativeCrypto}: on this platform (linux-x86_64, where the build and CI run) ACCP becomes the first provider and
 * ES256 signatures made by the JDK verify with it; switched off, the JDK's providers stay. The gauge says which.
 */
class NativeCryptoTest {

    private static final String ACCP = "AmazonCorrettoCryptoProvider";

    @AfterEach
    void removeProvider() {
        Security.removeProvider(ACCP);
    }

    @Test
    void installsTheNativeProviderFirstAndItVerifiesJdkSignatures() throws Exception {
        var jdk = KeyPairGenerator.getInstance("EC", "SunEC");
        jdk.initialize(new ECGenParameterSpec("secp256r1"));
        var keys = jdk.generateKeyPair();
        var signer = Signature.getInstance("SHA256withECDSA", "SunEC");
        signer.initSign(keys.getPrivate());
        byte[] message = "a DPoP proof's signing input".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        signer.update(message);
        byte[] signature = signer.sign();

        var registry = new SimpleMeterRegistry();
        var crypto = new NativeCrypto(true, registry);
        crypto.install(null);

        assertThat(crypto.installed())
                .as("ACCP loads on linux-x86_64 (os.arch=%s)", System.getProperty("os.arch"))
                .isTrue();
        assertThat(Security.getProviders()[0].getName()).isEqualTo(ACCP);
        var verifier = Signature.getInstance("SHA256withECDSA");
        assertThat(verifier.getProvider().getName()).isEqualTo(ACCP);
        verifier.initVerify(keys.getPublic());
        verifier.update(message);
        assertThat(verifier.verify(signature)).isTrue();
        signature[signature.length - 1] ^= 1;
        verifier.initVerify(keys.getPublic());
        verifier.update(message);
        assertThat(verifier.verify(signature)).isFalse();
        assertThat(registry.get("payguard.crypto.native.provider").gauge().value())
                .isEqualTo(1.0);
    }

    @Test
    void switchedOffTheJdkProvidersStay() throws Exception {
        var registry = new SimpleMeterRegistry();
        var crypto = new NativeCrypto(false, registry);
        crypto.install(null);

        assertThat(crypto.installed()).isFalse();
        assertThat(Signature.getInstance("SHA256withECDSA").getProvider().getName())
                .isNotEqualTo(ACCP);
        assertThat(registry.get("payguard.crypto.native.provider").gauge().value())
                .isEqualTo(0.0);
    }
}

package io.payguard.audit.kms;

import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** The default build and configuration: the local keyring signs checkpoints. */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class LocalKmsCheckpointTest extends CheckpointSigningScenario {

    @Override
    String expectedProvider() {
        return "local";
    }
}

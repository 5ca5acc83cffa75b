package io.payguard.wallet;

import io.payguard.platform.testing.LogRedactionContract;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** This service's console log masks PANs, CVVs, secrets and personal data (see the contract). */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class LogRedactionTest extends LogRedactionContract {

    @Override
    protected String category() {
        return "io.payguard.wallet";
    }
}

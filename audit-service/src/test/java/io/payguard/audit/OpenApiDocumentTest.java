package io.payguard.audit;

import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.openapi.OpenApiDocumentContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** The API document a merchant codes from: linted, and every operation documented (see the contract). */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class OpenApiDocumentTest extends OpenApiDocumentContract {}

package io.payguard.wallet;

import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.ServiceWiringContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** The wiring every service must have, checked against real PostgreSQL and Kafka (see the contract). */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class ServiceWiringTest extends ServiceWiringContract {}

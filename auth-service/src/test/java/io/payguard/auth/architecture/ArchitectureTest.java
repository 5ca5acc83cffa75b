package io.payguard.auth.architecture;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.payguard.platform.testing.architecture.ServiceArchitecture;

/** The house rules of ARCHITECTURE.md, checked on this service's main classes: each feature in the layered shape. */
class ArchitectureTest {

    @TestFactory
    Stream<DynamicTest> houseRules() {
        return ServiceArchitecture.byFeature(
                        "io.payguard.auth", "shared", "apikey", "kyc", "merchant", "privacy", "profile", "webhook")
                .tests();
    }
}

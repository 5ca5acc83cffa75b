package io.payguard.wallet.architecture;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.payguard.platform.testing.architecture.ServiceArchitecture;

/** The house rules of ARCHITECTURE.md, checked on this service's main classes. */
class ArchitectureTest {

    @TestFactory
    Stream<DynamicTest> houseRules() {
        return ServiceArchitecture.layered("io.payguard.wallet").tests();
    }
}

package io.payguard.payment.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The payment rules stay plain Java: the build fails when domain/ reaches for a framework. */
class DomainPurityTest {

    private static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.payguard.payment.domain");

    @Test
    void domainImportsNoFramework() {
        noClasses().that().resideInAPackage("io.payguard.payment.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "jakarta..", "javax..", "io.quarkus..", "io.smallrye..", "org.hibernate..", "io.vertx..",
                        "com.fasterxml..", "org.eclipse.microprofile..", "io.payguard.platform..", "org.jboss..",
                        "io.payguard.payment.application..", "io.payguard.payment.adapter..", "io.payguard.payment.config..")
                .check(DOMAIN);
    }

    @Test
    void domainNeverReadsTheWallClockOrMakesItsOwnIds() {
        noClasses().that().resideInAPackage("io.payguard.payment.domain..")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().dependOnClassesThat().areAssignableTo(java.util.Random.class)
                .check(DOMAIN);
    }
}

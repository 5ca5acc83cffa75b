package io.payguard.platform.protection;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The kit's core stays plain Java: only the quarkus package (and the log filter's annotation) may touch the framework. */
class CorePurityTest {

    @Test
    void coreDoesNotDependOnQuarkusJakartaOrHibernate() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.payguard.platform.protection");
        noClasses()
                .that()
                .resideInAnyPackage(
                        "..protection.classification..",
                        "..protection.masking..",
                        "..protection.kms..",
                        "..protection.envelope..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.quarkus..",
                        "jakarta..",
                        "org.hibernate..",
                        "io.smallrye..",
                        "io.vertx..",
                        "io.payguard.platform.protection.quarkus..")
                .check(classes);
    }
}

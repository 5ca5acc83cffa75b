package io.payguard.platform.testing.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The house rules of {@code ARCHITECTURE.md} as ArchUnit rules, one suite for every service. A layer-first service
 * ({@link #layered}) has {@code domain/}, {@code application/} (with {@code application/port/}), {@code adapter/in/},
 * {@code adapter/out/} and {@code config/} under its base package; a feature-first service ({@link #byFeature}) has
 * that shape inside each feature package, and its features do not depend on each other (only on a shared one).
 * <p>
 * Each service runs them with one test:
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> houseRules() {
 *     return ServiceArchitecture.layered("io.payguard.payment").tests();
 * }
 * }</pre>
 */
public final class ServiceArchitecture {

    /** What an application class must not speak: HTTP and JSON belong to the adapters. */
    static final String[] HTTP_AND_JSON = {
        "jakarta.ws.rs..", "org.jboss.resteasy..", "io.vertx.ext.web..", "io.quarkus.vertx.web..",
        "com.fasterxml.jackson..", "io.vertx.core.json..", "io.vertx.mutiny.core.http..", "io.vertx.core.http.."
    };

    private final String base;
    private final List<String> features;
    private final String shared;

    private ServiceArchitecture(String base, List<String> features, String shared) {
        this.base = base;
        this.features = features;
        this.shared = shared;
    }

    /** A service split by layer: {@code base.domain}, {@code base.application}, {@code base.adapter}, {@code base.config}. */
    public static ServiceArchitecture layered(String basePackage) {
        return new ServiceArchitecture(basePackage, List.of(), null);
    }

    /**
     * A service split by feature, each feature in the layered shape; {@code sharedFeature} holds what several features
     * use (e.g. an admin client) and is the only feature the others may depend on.
     */
    public static ServiceArchitecture byFeature(String basePackage, String sharedFeature, String... features) {
        return new ServiceArchitecture(basePackage, List.of(features), sharedFeature);
    }

    public List<ArchRule> rules() {
        List<ArchRule> rules = new ArrayList<>();
        addDomainRules(rules);
        addLayerRules(rules);
        if (features.isEmpty()) {
            rules.add(slices().matching(base + ".(*)..")
                    .should()
                    .beFreeOfCycles()
                    .as("no cycles between " + base + "'s top-level packages"));
        } else {
            addFeatureRules(rules);
        }
        // a service may lack a layer (auth's profile feature has no domain): an empty rule is not a failure
        return rules.stream().map(rule -> rule.allowEmptyShould(true)).toList();
    }

    /** The domain is plain Java and deterministic. */
    private void addDomainRules(List<ArchRule> rules) {
        rules.add(classes()
                .that()
                .resideInAPackage(base + "..domain..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.payguard.kernel..", base + "..domain..")
                .as("domain is plain Java: it may use only java.*, platform/kernel and domain classes"));
        rules.add(noClasses()
                .that()
                .resideInAPackage(base + "..domain..")
                .should()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callMethod(java.time.LocalDate.class, "now")
                .orShould()
                .callMethod(java.time.LocalDateTime.class, "now")
                .orShould()
                .callMethod(java.time.OffsetDateTime.class, "now")
                .orShould()
                .callMethod(java.lang.System.class, "currentTimeMillis")
                .orShould()
                .callMethod(java.util.UUID.class, "randomUUID")
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(java.util.Random.class)
                .as("domain never reads the wall clock or makes its own ids: a Clock and ids are passed in"));
    }

    /** Arrows point inwards: adapter -> application -> domain; config depends on nothing with behaviour. */
    private void addLayerRules(List<ArchRule> rules) {
        rules.add(noClasses()
                .that()
                .resideInAPackage(base + "..application..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(HTTP_AND_JSON)
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.payguard.platform.web.ProblemException")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.payguard.platform.web.Problem")
                .as(
                        "application speaks neither HTTP nor JSON: it throws io.payguard.kernel.failure.ApplicationException,"
                                + " and codecs live in the adapters"));
        rules.add(
                noClasses()
                        .that()
                        .resideInAPackage(base + "..application..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage(base + "..adapter..")
                        .as(
                                "application does not reach into adapters: it declares ports in application/port and adapters implement them"));
        rules.add(
                noClasses()
                        .that()
                        .resideInAPackage(base + "..adapter.in..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage(base + "..adapter.out..")
                        .as(
                                "adapters in (REST, messaging) do not use adapters out (persistence, gateways): they call the application"));
        rules.add(noClasses()
                .that()
                .resideInAPackage(base + "..config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(base + "..application..", base + "..adapter..")
                .as("config holds settings only: it depends on no use case or adapter"));
    }

    /** By feature: no cycles inside a feature, features independent but for the shared one, every class in one. */
    private void addFeatureRules(List<ArchRule> rules) {
        rules.add(slices().matching(base + ".(*).(*)..")
                .should()
                .beFreeOfCycles()
                .as("no cycles between the layers of any feature of " + base));
        for (String feature : features) {
            var others = features.stream()
                    .filter(f -> !f.equals(feature))
                    .map(f -> base + "." + f + "..")
                    .toArray(String[]::new);
            if (others.length > 0) {
                rules.add(noClasses()
                        .that()
                        .resideInAPackage(base + "." + feature + "..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(others)
                        .as("feature '" + feature + "' is independent of the other features (it may use '" + shared
                                + "')"));
            }
        }
        rules.add(noClasses()
                .that()
                .resideInAPackage(base + "." + shared + "..")
                .should()
                .dependOnClassesThat(resideInAnyPackage(
                        features.stream().map(f -> base + "." + f + "..").toArray(String[]::new)))
                .as("the shared feature '" + shared + "' depends on no feature"));
        rules.add(classes()
                .that()
                .resideInAPackage(base + "..")
                .and(not(resideInAPackage(base)))
                .should()
                .resideInAnyPackage(Stream.concat(features.stream(), Stream.of(shared))
                        .map(f -> base + "." + f + "..")
                        .toArray(String[]::new))
                .as("every class of " + base + " belongs to a declared feature"));
    }

    /** The service's main classes (tests and jars left out). */
    public JavaClasses mainClasses() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(base);
    }

    /** One JUnit test per rule, each checked against {@link #mainClasses()}. */
    public Stream<DynamicTest> tests() {
        JavaClasses classes = mainClasses();
        if (classes.isEmpty()) {
            throw new IllegalStateException("no classes found under " + base + ": is the base package right?");
        }
        return rules().stream().map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes)));
    }
}

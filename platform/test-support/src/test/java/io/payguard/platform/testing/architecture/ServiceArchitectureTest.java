package io.payguard.platform.testing.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

/**
 * The house rules catch what they promise to: a well-shaped fixture service passes every rule, and a fixture with one
 * deliberate violation of each rule fails exactly the rules it breaks, naming the offending class.
 */
class ServiceArchitectureTest {

    private static JavaClasses fixture(String pkg) {
        return new ClassFileImporter().importPackages(pkg);
    }

    private static Map<String, EvaluationResult> evaluate(ServiceArchitecture architecture, JavaClasses classes) {
        return architecture.rules().stream()
                .collect(Collectors.toMap(ArchRule::getDescription, rule -> rule.evaluate(classes)));
    }

    private static String failure(Map<String, EvaluationResult> results, String ruleStart) {
        var matching = results.entrySet().stream()
                .filter(e -> e.getKey().startsWith(ruleStart))
                .toList();
        assertThat(matching).as("rule starting with '%s'", ruleStart).hasSize(1);
        var result = matching.get(0).getValue();
        assertThat(result.hasViolation())
                .as("'%s' must fail on the fixture", ruleStart)
                .isTrue();
        return result.getFailureReport().toString();
    }

    @Test
    void aWellShapedServicePassesEveryRule() {
        var results = evaluate(
                ServiceArchitecture.layered("io.payguard.archfixture.good"), fixture("io.payguard.archfixture.good"));
        assertThat(results).hasSizeGreaterThanOrEqualTo(7);
        results.forEach((rule, result) -> assertThat(result.hasViolation())
                .as(rule + ": " + result.getFailureReport())
                .isFalse());
    }

    @Test
    void eachDeliberateViolationFailsItsRule() {
        var results = evaluate(
                ServiceArchitecture.layered("io.payguard.archfixture.bad"), fixture("io.payguard.archfixture.bad"));

        assertThat(failure(results, "domain is plain Java")).contains("Clocked").contains("ObjectMapper");
        assertThat(failure(results, "domain never reads the wall clock"))
                .contains("Clocked")
                .contains("Instant.now()");
        assertThat(failure(results, "application speaks neither HTTP nor JSON"))
                .contains("HttpSpeaking")
                .contains("ProblemException");
        assertThat(failure(results, "application does not reach into adapters"))
                .contains("HttpSpeaking")
                .contains("Table");
        assertThat(failure(results, "adapters in (REST, messaging) do not use adapters out"))
                .contains("Shortcut")
                .contains("Table");
        assertThat(failure(results, "config holds settings only"))
                .contains("Tangled")
                .contains("HttpSpeaking");
        assertThat(failure(results, "no cycles between"))
                .contains("application")
                .contains("config");
        assertThat(results.values()).allMatch(EvaluationResult::hasViolation);
    }

    @Test
    void featuresDependOnlyOnTheSharedOne() {
        var architecture = ServiceArchitecture.byFeature("io.payguard.archfixture.features", "shared", "alpha", "beta");
        var results = evaluate(architecture, fixture("io.payguard.archfixture.features"));

        assertThat(failure(results, "feature 'alpha' is independent"))
                .contains("AlphaService")
                .contains("Beta")
                .doesNotContain("AdminClient");
        assertThat(failure(results, "every class of")).contains("Orphan").doesNotContain("Stray");
        assertThat(results.get("feature 'beta' is independent of the other features (it may use 'shared')")
                        .hasViolation())
                .isFalse();
        assertThat(results.get("the shared feature 'shared' depends on no feature")
                        .hasViolation())
                .isFalse();
    }

    @Test
    void aWrongBasePackageIsAnErrorNotAPass() {
        var architecture = ServiceArchitecture.layered("io.payguard.no_such_service");
        org.assertj.core.api.Assertions.assertThatThrownBy(architecture::tests)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no classes found");
    }
}

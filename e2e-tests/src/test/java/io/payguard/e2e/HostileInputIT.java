package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.HostileInputSweep;

/**
 * Every route of every running service, read from its OpenAPI document, fed hostile ids, query values and bodies
 * with real credentials from the real Keycloak (customers with DPoP-bound tokens): every answer is a success or an
 * RFC 9457 problem, never a 5xx, a hang or a stack trace.
 */
class HostileInputIT {

    @Test
    void noRouteOfAnyServiceAnswersHostileInputWithAServerError() {
        var callers = Keycloak.Callers.login();
        List<String> violations = new ArrayList<>();
        int total = 0;
        for (String name : List.of("auth", "payment", "wallet", "audit")) {
            var credentials = List.of(
                    new HostileInputSweep.Credential(
                            "customer (alice, DPoP)", Set.of("customer"), callers.customer()::headers),
                    new HostileInputSweep.Credential(
                            "merchant (demo-merchant-b)",
                            name.equals("audit") ? Set.of() : Set.of("merchant"),
                            (m, u) -> Map.of("Authorization", "Bearer " + callers.merchant())),
                    new HostileInputSweep.Credential(
                            "auditor (ada, DPoP)", Set.of("auditor"), callers.auditor()::headers),
                    new HostileInputSweep.Credential(
                            "compliance officer (cora, DPoP)",
                            Set.of("compliance-officer"),
                            callers.compliance()::headers),
                    new HostileInputSweep.Credential(
                            "operator (otto, DPoP)", Set.of("operator"), callers.operator()::headers),
                    new HostileInputSweep.Credential(
                            "service account",
                            Set.of("service"),
                            (m, u) -> Map.of("Authorization", "Bearer " + callers.service())));
            var sweep = new HostileInputSweep(Stack.serviceUrl(name));
            violations.addAll(sweep
                    .violations(
                            credentials, line -> System.out.printf("[e2e] hostile input: %s-service %s%n", name, line))
                    .stream()
                    .map(v -> name + "-service " + v)
                    .toList());
            total += sweep.requests();
        }
        System.out.printf("[e2e] hostile input: %d requests to 4 services, %d violations%n", total, violations.size());
        assertThat(violations).isEmpty();
    }
}

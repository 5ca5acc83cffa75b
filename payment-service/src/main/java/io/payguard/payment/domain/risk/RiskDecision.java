package io.payguard.payment.domain.risk;

import java.util.Comparator;
import java.util.List;

/** The combined decision: the most severe outcome of all findings, with every finding's rule id and reason. */
public record RiskDecision(Outcome outcome, List<Finding> findings) {

    /** In rising severity. */
    public enum Outcome {
        ALLOW,
        REQUIRE_SCA,
        REVIEW,
        DECLINE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record Finding(String ruleId, Outcome outcome, String reason) {}

    public RiskDecision {
        findings = List.copyOf(findings);
    }

    public static RiskDecision of(List<Finding> findings) {
        var outcome = findings.stream()
                .map(Finding::outcome)
                .max(Comparator.naturalOrder())
                .orElse(Outcome.ALLOW);
        return new RiskDecision(outcome, findings);
    }

    public List<String> ruleIds() {
        return findings.stream().map(Finding::ruleId).toList();
    }
}

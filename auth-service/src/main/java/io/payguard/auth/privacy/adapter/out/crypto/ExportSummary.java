package io.payguard.auth.privacy.adapter.out.crypto;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The bundle's human-readable summary: per service, its sections and how many entries each holds. */
final class ExportSummary {

    private ExportSummary() {}

    static String of(String subject, Map<String, JsonNode> sections, Instant generatedAt, Instant expiresAt) {
        var text = new StringBuilder("Personal data PayGuard holds about ")
                .append(subject)
                .append(", generated ")
                .append(generatedAt)
                .append(", available until ")
                .append(expiresAt)
                .append(".");
        sections.forEach((service, section) -> {
            text.append("\n").append(service).append(":");
            section.fields().forEachRemaining(field -> {
                JsonNode value = field.getValue();
                text.append(" ").append(field.getKey()).append(" (");
                text.append(value.isArray() ? value.size() + " entries" : value.isObject() ? "1 record" : "1 value");
                text.append(");");
            });
        });
        return text.toString();
    }
}

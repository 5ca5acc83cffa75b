package io.payguard.platform.messaging;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

/**
 * The service's retention schedule as configuration (issue 18): per record type, the data class it holds, how long it
 * is kept, the legal reason, and what enforces it (a {@link RetentionJob}, the erasure of a data-subject request, the
 * end of a retention hold). Read from {@code payguard.retention.schedule.<record-type>.{data-class, keep,
 * legal-reason, enforced-by}}; {@code keep} is an ISO-8601 period or duration ({@code P5Y}, {@code P14D},
 * {@code PT24H}) or {@code until-erasure}. An entry that is incomplete or malformed stops the service's start with a
 * message naming the property: a schedule that says nothing is worse than none.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class RetentionSchedule {

    public static final String PREFIX = "payguard.retention.schedule.";
    private static final Pattern RECORD_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Set<String> CLASSES = Set.of("C1", "C2", "C3");
    private static final List<String> FIELDS = List.of("data-class", "keep", "legal-reason", "enforced-by");

    /** One row of the schedule. */
    public record Entry(String recordType, String dataClass, String keep, String legalReason, String enforcedBy) {}

    private final List<Entry> entries;

    public RetentionSchedule(Config config) {
        this.entries = read(config);
    }

    public List<Entry> entries() {
        return entries;
    }

    static List<Entry> read(Config config) {
        Map<String, Map<String, String>> byType = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String rest = name.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            String type = dot < 0 ? rest : rest.substring(0, dot);
            String field = dot < 0 ? "" : rest.substring(dot + 1);
            if (!RECORD_TYPE.matcher(type).matches() || !FIELDS.contains(field)) {
                throw new IllegalArgumentException(
                        name + ": expected " + PREFIX + "<record_type>.{data-class, keep, legal-reason, enforced-by}");
            }
            byType.computeIfAbsent(type, t -> new TreeMap<>())
                    .put(field, config.getValue(name, String.class).trim());
        }
        List<Entry> out = new ArrayList<>();
        byType.forEach((type, fields) -> out.add(entry(type, fields)));
        return List.copyOf(out);
    }

    private static Entry entry(String type, Map<String, String> f) {
        for (String required : FIELDS) {
            if (f.getOrDefault(required, "").isBlank()) {
                throw new IllegalArgumentException(PREFIX + type + "." + required + " is required");
            }
        }
        if (!CLASSES.contains(f.get("data-class"))) {
            throw new IllegalArgumentException(PREFIX + type + ".data-class must be C1, C2 or C3");
        }
        String keep = f.get("keep");
        if (!keep.equals("until-erasure") && !isPeriodOrDuration(keep)) {
            throw new IllegalArgumentException(
                    PREFIX + type + ".keep must be an ISO-8601 period or duration, or until-erasure");
        }
        return new Entry(type, f.get("data-class"), keep, f.get("legal-reason"), f.get("enforced-by"));
    }

    private static boolean isPeriodOrDuration(String value) {
        try {
            Period.parse(value);
            return true;
        } catch (DateTimeParseException notAPeriod) {
            try {
                Duration.parse(value);
                return true;
            } catch (DateTimeParseException notADuration) {
                return false;
            }
        }
    }
}

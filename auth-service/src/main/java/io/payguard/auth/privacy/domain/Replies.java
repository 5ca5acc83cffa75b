package io.payguard.auth.privacy.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The participants' replies to one request, and what they add up to for the coordinator. */
public record Replies(List<Reply> all) {

    public static final String EXPORT_PART = "export-part";
    public static final String READY = "erasure-ready";
    public static final String BLOCKED = "erasure-blocked";
    public static final String DONE = "erasure-done";
    public static final String ABORTED = "erasure-aborted";

    /** One reply: for export parts a chunk of {@code chunks}, else chunk 0 of 1; payload as the kind needs it. */
    public record Reply(
            String service,
            String kind,
            int chunk,
            int chunks,
            String sealed,
            String code,
            String detail,
            List<DataSubjectRequest.Outcome> outcomes) {}

    public List<Reply> of(String kind) {
        return all.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    public Set<String> servicesWith(String kind) {
        return of(kind).stream().map(Reply::service).collect(Collectors.toSet());
    }

    /** Whether every participant answered with the kind. */
    public boolean allAnswered(Collection<String> participants, String kind) {
        return servicesWith(kind).containsAll(participants);
    }

    /** Whether every participant sent all chunks of its export. */
    public boolean exportComplete(Collection<String> participants) {
        return participants.stream().allMatch(service -> {
            var parts = of(EXPORT_PART).stream()
                    .filter(r -> r.service().equals(service))
                    .toList();
            return !parts.isEmpty() && parts.size() == parts.get(0).chunks();
        });
    }

    /** Each participant's export chunks in order, by service. */
    public Map<String, List<String>> exportChunks() {
        Map<String, List<String>> byService = new TreeMap<>();
        of(EXPORT_PART).stream()
                .sorted(java.util.Comparator.comparing(Reply::service).thenComparingInt(Reply::chunk))
                .forEach(r -> byService
                        .computeIfAbsent(r.service(), s -> new java.util.ArrayList<>())
                        .add(r.sealed()));
        return byService;
    }

    public Optional<Reply> firstBlocked() {
        return of(BLOCKED).stream().min(java.util.Comparator.comparing(Reply::service));
    }
}

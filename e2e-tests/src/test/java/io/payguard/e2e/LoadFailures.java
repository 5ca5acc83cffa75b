package io.payguard.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every request of a load run that did not end as it must: each non-2xx answer (by phase, request, status and problem
 * code), each exception (status {@code -1}, by its type) and each payment that did not end {@code succeeded} (request
 * {@code outcome}, by its status and failure code). A load run passes only with none, except the load shedding
 * ({@code 503 overloaded}) of the one sweep step past the latency knee, where the offered rate is above what the suite
 * can do by design.
 */
final class LoadFailures {

    /** One kind of failure. */
    record Kind(String phase, String request, int status, String code) {
        @Override
        public String toString() {
            String what = status < 0 ? "exception" : status == 0 ? "-" : Integer.toString(status);
            return "%-22s %-8s %s %s".formatted(phase, request, what, code);
        }
    }

    private final Map<Kind, LongAdder> counts =
            new ConcurrentSkipListMap<>((a, b) -> a.toString().compareTo(b.toString()));

    /** A non-2xx answer to {@code request} (create, confirm, read), with its RFC 9457 problem code if it has one. */
    void answer(String phase, String request, Http.Response r) {
        String code = "";
        try {
            code = r.json().path("code").asText("");
        } catch (AssertionError notJson) {
            code = "(not a problem)";
        }
        add(new Kind(phase, request, r.status(), code));
    }

    /** An exception instead of an answer (a timeout, a refused connection): counted by the type of its cause. */
    void exception(String phase, String request, Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        add(new Kind(phase, request, -1, cause.getClass().getSimpleName()));
    }

    /** A payment whose final status is not {@code succeeded} (or that had no final status when the phase settled). */
    void outcome(String phase, String status, String failureCode) {
        add(new Kind(phase, "outcome", 0, status + (failureCode.isEmpty() ? "" : "/" + failureCode)));
    }

    private void add(Kind kind) {
        counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    long of(String phase) {
        return counts.entrySet().stream()
                .filter(e -> e.getKey().phase().equals(phase))
                .mapToLong(e -> e.getValue().sum())
                .sum();
    }

    /** Whether all failures of {@code phase} are load shedding (503 overloaded) and there is at least one. */
    boolean onlyShed(String phase) {
        return of(phase) > 0
                && counts.keySet().stream()
                        .filter(k -> k.phase().equals(phase))
                        .allMatch(k -> k.status() == 503 && "overloaded".equals(k.code()));
    }

    /** The failures that fail the run: all of them except the shedding in {@code tolerated} (the knee step, or null). */
    long failing(String tolerated) {
        long sum = 0;
        for (var e : counts.entrySet()) {
            var k = e.getKey();
            boolean shedAtKnee = k.phase().equals(tolerated) && k.status() == 503 && "overloaded".equals(k.code());
            if (!shedAtKnee) {
                sum += e.getValue().sum();
            }
        }
        return sum;
    }

    /** One line per kind: phase, request, status (or "exception"), code, count. */
    List<String> lines() {
        var lines = new ArrayList<String>();
        counts.forEach((k, n) -> lines.add("%s: %d".formatted(k, n.sum())));
        return lines;
    }
}

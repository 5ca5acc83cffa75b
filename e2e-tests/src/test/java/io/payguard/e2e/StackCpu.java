package io.payguard.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time used by each component of the running suite (Linux {@code /proc}): the process in {@code <home>/pids/NAME.pid}
 * and all its descendants (PostgreSQL's backends), each with the children it has reaped (backends and autovacuum
 * workers that ended), plus this JVM as {@code load-generator}. Two snapshots give the CPU
 * each component spent on the work done in between; divided by the payments completed, that is the cost of a payment.
 */
final class StackCpu {

    /** Clock ticks per second of /proc/PID/stat; 100 on every Linux this runs on (USER_HZ). */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Path pids;

    StackCpu(Path home) {
        this.pids = home.resolve("pids");
    }

    static StackCpu fromStackEnv() {
        String env = System.getProperty(
                "payguard.stack.env", System.getenv().getOrDefault("PAYGUARD_STACK_ENV", ".dev/stack.env"));
        return new StackCpu(Path.of(env).toAbsolutePath().getParent());
    }

    boolean available() {
        return Files.isDirectory(Path.of("/proc/self")) && Files.isDirectory(pids);
    }

    /** CPU seconds per component since boot of its processes (only differences mean something). */
    Map<String, Double> snapshot() {
        Map<Long, Long> parent = new HashMap<>();
        Map<Long, Long> ticks = new HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) dirs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    // fields after the command name, which is in parentheses and may hold spaces
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(name);
                    parent.put(pid, Long.parseLong(f[1]));
                    // utime + stime, and cutime + cstime: the children this process has reaped. A PostgreSQL backend
                    // or autovacuum worker that ends between two snapshots leaves the tree, and its CPU time moves to
                    // the postmaster's cutime/cstime; without those the component's sum dropped (issue 20: a negative
                    // PostgreSQL figure in a card run, and autovacuum's work missing from every run).
                    ticks.put(
                            pid,
                            Long.parseLong(f[11])
                                    + Long.parseLong(f[12])
                                    + Long.parseLong(f[13])
                                    + Long.parseLong(f[14]));
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        Map<String, Double> result = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        try (var files = Files.list(pids)) {
            files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".pid"))
                    .sorted()
                    .forEach(names::add);
        } catch (IOException e) {
            return Map.of();
        }
        for (String file : names) {
            try {
                long root = Long.parseLong(Files.readString(pids.resolve(file)).trim());
                long sum = 0;
                for (var e : ticks.entrySet()) {
                    if (descends(e.getKey(), root, parent)) {
                        sum += e.getValue();
                    }
                }
                result.put(file.substring(0, file.length() - 4), sum / TICKS_PER_SECOND);
            } catch (IOException | NumberFormatException e) {
                // a component without a readable pid file is left out
            }
        }
        result.put(GENERATOR, ticks.getOrDefault(ProcessHandle.current().pid(), 0L) / TICKS_PER_SECOND);
        return result;
    }

    private static boolean descends(long pid, long root, Map<Long, Long> parent) {
        for (int depth = 0; depth < 16 && pid > 1; depth++) {
            if (pid == root) {
                return true;
            }
            pid = parent.getOrDefault(pid, 0L);
        }
        return false;
    }

    /** The generator's name in a snapshot: this JVM, the load benchmark itself. */
    static final String GENERATOR = "load-generator";

    /** CPU seconds each component spent between two snapshots, most expensive first. */
    static List<Map.Entry<String, Double>> spent(Map<String, Double> before, Map<String, Double> after) {
        List<Map.Entry<String, Double>> spent = new ArrayList<>();
        for (var e : after.entrySet()) {
            spent.add(Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), e.getValue())));
        }
        spent.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        return spent;
    }

    /** CPU seconds of the suite alone: every component but the generator. */
    static double suite(List<Map.Entry<String, Double>> spent) {
        return spent.stream()
                .filter(e -> !e.getKey().equals(GENERATOR))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }

    /**
     * The suite's CPU per unit of work without the generator first (the headline), then one line per component and
     * the generator's own, in milliseconds per unit and share of the machine.
     */
    static List<String> report(List<Map.Entry<String, Double>> spent, long units, double seconds) {
        List<String> lines = new ArrayList<>();
        double suite = suite(spent);
        double generator = spent.stream()
                .filter(e -> e.getKey().equals(GENERATOR))
                .mapToDouble(Map.Entry::getValue)
                .sum();
        lines.add(line("suite (no generator)", suite, units, seconds));
        for (var e : spent) {
            if (!e.getKey().equals(GENERATOR)) {
                lines.add(line("  " + e.getKey(), e.getValue(), units, seconds));
            }
        }
        lines.add(line(GENERATOR, generator, units, seconds));
        lines.add(line("total", suite + generator, units, seconds) + " (machine: "
                + Runtime.getRuntime().availableProcessors() + " cores)");
        return lines;
    }

    private static String line(String name, double cpuSeconds, long units, double seconds) {
        return String.format(
                "%-22s %7.2f ms CPU per payment  %5.2f cores",
                name, units == 0 ? 0 : 1000 * cpuSeconds / units, cpuSeconds / seconds);
    }
}

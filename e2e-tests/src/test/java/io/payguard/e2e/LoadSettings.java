package io.payguard.e2e;

/**
 * The knobs of the whole-suite load benchmarks ({@link LoadHarness}), all {@code -D} system properties; defaults and
 * meaning in e2e-tests/README.md ("Benchmarks").
 */
record LoadSettings(
        int warmup,
        int seconds,
        int runs,
        int clients,
        int payers,
        int merchants,
        double pace,
        int sweepStart,
        int sweepStep,
        int sweepMax,
        int sweepSeconds,
        double kneeP99Ms,
        long amount,
        int settle,
        String pgbench,
        int pgbenchSeconds,
        int pgbenchScale,
        int pgbenchClients) {

    /** The longest phase on one set of access tokens (they live 300 s; the settle after a phase needs them too). */
    static final int TOKEN_ROUND = 240;

    static LoadSettings fromSystemProperties() {
        int seconds = Integer.getInteger("load.seconds", 60);
        int clients = Integer.getInteger("load.clients", 16);
        var s = new LoadSettings(
                Integer.getInteger("load.warmup", 300),
                seconds,
                Integer.getInteger("load.runs", 3),
                clients,
                Integer.getInteger("load.payers", clients),
                Integer.getInteger("load.merchants", 4),
                Double.parseDouble(System.getProperty("load.pace", "0.7")),
                Integer.getInteger("load.sweep.start", 50),
                Integer.getInteger("load.sweep.step", 50),
                Integer.getInteger("load.sweep.max", 1000),
                Integer.getInteger("load.sweep.seconds", 30),
                Double.parseDouble(System.getProperty("load.knee.p99", "150")),
                Long.getLong("load.amount", 1),
                Integer.getInteger("load.settle", 10),
                System.getProperty("load.pgbench", "pgbench"),
                Integer.getInteger("load.pgbench.seconds", seconds),
                Integer.getInteger("load.pgbench.scale", clients),
                Integer.getInteger("load.pgbench.clients", clients));
        s.check();
        return s;
    }

    private void check() {
        if (seconds > TOKEN_ROUND || sweepSeconds > TOKEN_ROUND) {
            throw new IllegalArgumentException("load.seconds and load.sweep.seconds are at most " + TOKEN_ROUND
                    + ": a phase runs on one set of access tokens (300 s)");
        }
        if (runs < 1 || clients < 1 || payers < 1 || merchants < 1 || amount < 1) {
            throw new IllegalArgumentException("load.runs, clients, payers, merchants and amount are at least 1");
        }
    }

    /** Whether the open-loop rate sweep runs ({@code -Dload.sweep.max=0} leaves it out). */
    boolean sweeps() {
        return sweepMax >= sweepStart && sweepStart > 0;
    }

    /**
     * An upper bound of the payments one payer can make in the whole run: every phase at the sweep's highest rate,
     * spread over the payers (closed-loop phases never reach it on the machines this runs on; the probe payments of
     * the merchants' onboarding come on top).
     */
    long paymentsPerPayerBound() {
        long phaseSeconds = warmup + (long) (runs + 1) * seconds + (sweeps() ? sweepSteps() * sweepSeconds : 0);
        long rate = Math.max(sweepMax, 1000);
        return (phaseSeconds * rate + payers - 1) / payers + merchants;
    }

    int sweepSteps() {
        return sweeps() ? (sweepMax - sweepStart) / Math.max(1, sweepStep) + 1 : 0;
    }
}

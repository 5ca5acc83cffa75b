package io.payguard.audit.domain.chain;

import java.util.List;

/**
 * What a verification run covered and found.
 *
 * @param anchor             the trusted position the run started from (genesis or a checkpoint)
 * @param last               the last position read (the anchor itself when the range was empty)
 * @param recordsChecked     how many records were read and re-hashed
 * @param findings           chain findings in chain order; empty when the records are intact
 * @param checkpointsChecked how many checkpoints were checked (signature and position)
 * @param checkpointFindings checkpoint findings: signatures that fail, signed heads missing from the chain
 */
public record VerificationReport(
        ChainHead anchor,
        ChainHead last,
        long recordsChecked,
        List<Finding> findings,
        int checkpointsChecked,
        List<Finding> checkpointFindings) {

    public VerificationReport {
        findings = List.copyOf(findings);
        checkpointFindings = List.copyOf(checkpointFindings);
    }

    public boolean intact() {
        return findings.isEmpty() && checkpointFindings.isEmpty();
    }
}

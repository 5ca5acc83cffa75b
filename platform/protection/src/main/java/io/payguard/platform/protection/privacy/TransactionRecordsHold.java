package io.payguard.platform.protection.privacy;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The retention hold of transaction records pseudonymised at a customer's erasure (issue 18): how long
 * ({@code payguard.privacy.hold.transaction-records}, calendar period from the commit, in UTC) and on which legal basis
 * ({@code payguard.privacy.hold.transaction-records-legal-basis}).
 */
@ApplicationScoped
public class TransactionRecordsHold {

    private final Period period;
    private final String legalBasis;

    public TransactionRecordsHold(
            @ConfigProperty(name = "payguard.privacy.hold.transaction-records", defaultValue = "P5Y") Period period,
            @ConfigProperty(
                            name = "payguard.privacy.hold.transaction-records-legal-basis",
                            defaultValue = "PRC Anti-Money Laundering Law, art. 35: transaction records kept 5 years")
                    String legalBasis) {
        this.period = period;
        this.legalBasis = legalBasis;
    }

    /** The outcome of {@code count} records of {@code dataType} pseudonymised at {@code now} and held. */
    public ErasureOutcome held(String dataType, long count, Instant now) {
        return ErasureOutcome.held(
                dataType, count, now.atOffset(ZoneOffset.UTC).plus(period).toInstant(), legalBasis);
    }
}

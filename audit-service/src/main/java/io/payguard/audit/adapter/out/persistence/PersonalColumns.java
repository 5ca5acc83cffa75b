package io.payguard.audit.adapter.out.persistence;

import static io.payguard.platform.protection.classification.DataClass.C2;

import io.payguard.platform.protection.classification.Classified;
import io.payguard.platform.protection.classification.DataKind;

/**
 * The personal columns of audit-service's chain, classified (issue 18, records of processing). The chain is written
 * with JDBC, so there is no entity to annotate: the record below is the {@code audit_record} table, each component one
 * column (its name in camelCase). In canonical form 2 each holds ciphertext under the data subject's key (README,
 * "Personal data in the trail"). Nothing instantiates this record.
 */
final class PersonalColumns {

    private PersonalColumns() {}

    /** {@code audit_record}: who acted, from where, and whose personal data was read, and why. */
    record AuditRecord(
            @Classified(level = C2, kind = DataKind.IP_ADDRESS)
            String originIp,

            @Classified(level = C2, kind = DataKind.TRANSACTION_DETAIL)
            String userAgent,

            @Classified(level = C2, kind = DataKind.TRANSACTION_DETAIL)
            String reason) {}
}

package io.payguard.audit.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Regression of AuditInputFuzzTest's finding: a leading tab or carriage return let a formula through to the CSV export. */
class AuditReportCellTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1"})
    void aFormulaTriggerIsNeutralised(String value) {
        String cell = AuditExport.cell(value);
        String content = cell.startsWith("\"") ? cell.substring(1) : cell;
        assertThat(content).startsWith("'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"payment", "a,b", "say \"hi\""})
    void plainTextIsOnlyQuoted(String value) {
        assertThat(AuditExport.cell(value)).doesNotStartWith("'").doesNotStartWith("\"'");
    }
}

package io.payguard.audit.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.payguard.platform.web.ProblemException;

/**
 * What the auditor API reads and writes from outside data: the query's ids and instants (a 400 problem or a value), the
 * masking of a recorded client address (never the full address of an IPv4 host), and the CSV cells of an export, whose
 * content comes from any caller of any service: a cell never starts with a character that makes a spreadsheet run it as
 * a formula (OWASP CSV injection: {@code = + - @}, tab and carriage return).
 */
class AuditInputFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void anAuditInputIsReadMaskedOrRefused(FuzzedDataProvider data) {
        int which = data.consumeInt(0, 3);
        String input = data.consumeRemainingAsString();
        try {
            switch (which) {
                case 0 -> AuditQuery.id(input, "correlationId");
                case 1 -> AuditQuery.instant(input, "from");
                case 2 -> {
                    String masked = AuditRecordView.maskIp(input);
                    if (input.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
                        assertThat(masked).endsWith(".0");
                    }
                }
                default -> {
                    String cell = AuditExport.cell(input);
                    String content = cell.startsWith("\"") ? cell.substring(1) : cell;
                    if (!content.isEmpty()) {
                        assertThat("=+-@\t\r".indexOf(content.charAt(0)))
                                .as("formula trigger at the start of %s", cell)
                                .isNegative();
                    }
                }
            }
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(400);
        }
    }
}

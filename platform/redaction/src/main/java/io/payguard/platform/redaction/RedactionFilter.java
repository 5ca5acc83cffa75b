package io.payguard.platform.redaction;

import java.util.Map;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Log filter that rewrites every record before it is formatted: the formatted message (parameters
 * included), the exception chain, MDC values and NDC pass through {@link Redactor}. Enable it per handler:
 * {@code quarkus.log.console.filter=payguard-redaction} (and {@code quarkus.log.file.filter} etc.). It
 * never drops a record.
 */
@LoggingFilter(name = RedactionFilter.NAME)
public final class RedactionFilter implements Filter {

    public static final String NAME = "payguard-redaction";

    private static final java.util.logging.Formatter MESSAGE_FORMAT = new java.util.logging.Formatter() {
        @Override
        public String format(LogRecord record) {
            return formatMessage(record);
        }
    };

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String message = ext.getFormattedMessage();
            String redacted = Redactor.redact(message);
            ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
            ext.setParameters(null);
            for (Map.Entry<String, String> entry : ext.getMdcCopy().entrySet()) {
                String value = Redactor.redact(entry.getValue());
                if (value != null && !value.equals(entry.getValue())) {
                    ext.putMdc(entry.getKey(), value);
                }
            }
            String ndc = ext.getNdc();
            if (ndc != null && !ndc.isEmpty()) {
                ext.setNdc(Redactor.redact(ndc));
            }
        } else {
            record.setMessage(Redactor.redact(MESSAGE_FORMAT.formatMessage(record)));
            record.setParameters(null);
        }
        if (record.getThrown() != null) {
            record.setThrown(RedactedThrowable.of(record.getThrown()));
        }
        return true;
    }
}

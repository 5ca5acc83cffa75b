package io.payguard.audit.adapter.in.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.payguard.platform.web.ProblemException;

/** The query parameters the audit resources share, checked the same way everywhere (a 400 problem per bad value). */
final class AuditQuery {

    private static final String ID = "[A-Za-z0-9._:@/-]{1,128}";

    private AuditQuery() {}

    /** An optional identifier-like filter (subject, object, action, ...): 1 to 128 of letters, digits or ._:@/- . */
    static String id(String value, String name) {
        if (value != null && !value.matches(ID)) {
            throw new ProblemException(
                    400, "invalid_" + name, "Invalid " + name, name + ": 1 to 128 letters, digits or ._:@/-");
        }
        return value;
    }

    /** An optional ISO-8601 instant; null when absent. */
    static Instant instant(String value, String name) {
        return instant(value, name, null);
    }

    /** An optional ISO-8601 instant; {@code fallback} when absent. */
    static Instant instant(String value, String name, Instant fallback) {
        try {
            return value == null ? fallback : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(
                    400, "invalid_" + name, "Invalid " + name, name + " must be an ISO-8601 instant");
        }
    }

    /** A page size between 1 and {@code max}. */
    static int limit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new ProblemException(400, "invalid_limit", "Invalid limit", "limit must be between 1 and " + max);
        }
        return limit;
    }
}

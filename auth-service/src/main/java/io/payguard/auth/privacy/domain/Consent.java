package io.payguard.auth.privacy.domain;

import java.time.Instant;
import java.util.Set;

import io.payguard.kernel.failure.ApplicationException;

/** A customer's current decision about one purpose. */
public record Consent(String subject, String purpose, String status, int version, String channel, Instant changedAt) {

    public static final String GRANTED = "granted";
    public static final String WITHDRAWN = "withdrawn";
    public static final String NOT_GIVEN = "not_given";
    public static final Set<String> CHANNELS = Set.of("web", "mobile", "api");

    /** The evidence kept with each change: what was shown (version, text hash), where and to which client. */
    public record Evidence(int version, String textSha256, String channel, String userAgentSha256, Instant at) {}

    /** Checks a grant against the purpose's configuration; the refusals name the purpose. */
    public static void checkGrant(Purpose purpose, String purposeId, Integer version, String channel) {
        if (purpose == null) {
            throw ApplicationException.invalid(
                    "unknown_purpose", "Unknown purpose", "There is no purpose '" + safe(purposeId) + "'.");
        }
        checkChannel(channel);
        if (!purpose.needsConsent()) {
            throw ApplicationException.invalid(
                    "consent_not_applicable",
                    "Consent not applicable",
                    "The purpose '" + purpose.id() + "' rests on " + purpose.legalBasis()
                            + ", not on consent: there is nothing to grant or withdraw.");
        }
        if (version == null || version != purpose.version()) {
            throw ApplicationException.refused(
                    "consent_version_outdated",
                    "Consent text outdated",
                    "The purpose '" + purpose.id() + "' is at version " + purpose.version()
                            + "; show that text and grant it.");
        }
    }

    public static void checkChannel(String channel) {
        if (channel == null || !CHANNELS.contains(channel)) {
            throw ApplicationException.invalid(
                    "invalid_channel", "Invalid channel", "channel is one of web, mobile, api");
        }
    }

    private static String safe(String text) {
        if (text == null) {
            return "";
        }
        String cut = text.length() > 64 ? text.substring(0, 64) : text;
        return cut.replaceAll("[^A-Za-z0-9_.-]", "?");
    }
}

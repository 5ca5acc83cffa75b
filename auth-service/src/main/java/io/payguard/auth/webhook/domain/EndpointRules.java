package io.payguard.auth.webhook.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import io.payguard.kernel.failure.ApplicationException;

/** The bounds of an endpoint's fields (the OpenAPI document states the same numbers). */
public final class EndpointRules {

    public static final int MAX_URL_LENGTH = 2048;
    public static final int MAX_DESCRIPTION_LENGTH = 256;
    public static final int MAX_ENABLED_EVENTS = 32;
    public static final int MAX_EVENT_TYPE_LENGTH = 64;

    private EndpointRules() {}

    public static String url(String url) {
        if (url == null || url.isBlank()) {
            throw ApplicationException.invalid("invalid_webhook_url", "Invalid webhook URL", "url is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw ApplicationException.invalid(
                    "invalid_webhook_url", "Invalid webhook URL", "url: at most " + MAX_URL_LENGTH + " characters");
        }
        return url;
    }

    public static String description(String description) {
        if (description == null) {
            return null;
        }
        if (description.length() > MAX_DESCRIPTION_LENGTH
                || description.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw ApplicationException.invalid(
                    "invalid_description",
                    "Invalid description",
                    "description: at most " + MAX_DESCRIPTION_LENGTH + " characters, no control characters");
        }
        return description;
    }

    /** Known types or {@code ["*"]}, at least one, no duplicates kept; anything else is 400 {@code invalid_enabled_events}. */
    public static List<String> enabledEvents(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw invalidEvents("enabledEvents: at least one event type, or [\"*\"]");
        }
        if (requested.size() > MAX_ENABLED_EVENTS) {
            throw invalidEvents("enabledEvents: at most " + MAX_ENABLED_EVENTS + " entries");
        }
        var types = new LinkedHashSet<String>();
        for (String type : requested) {
            if (type == null || !(EventTypes.ALL.equals(type) || EventTypes.known(type))) {
                String shown = type == null ? "null" : type.length() > MAX_EVENT_TYPE_LENGTH ? "(too long)" : type;
                throw invalidEvents("enabledEvents: unknown event type '" + shown + "'");
            }
            types.add(type);
        }
        if (types.contains(EventTypes.ALL) && types.size() > 1) {
            throw invalidEvents("enabledEvents: \"*\" stands alone");
        }
        return new ArrayList<>(types);
    }

    private static ApplicationException invalidEvents(String detail) {
        return ApplicationException.invalid("invalid_enabled_events", "Invalid enabledEvents", detail);
    }
}

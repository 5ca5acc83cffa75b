package io.payguard.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body. {@code code} is stable and meant for programs; {@code title} and
 * {@code detail} are for people and never carry internal details, stack traces or personal data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type, String title, int status, String detail, String instance, String code, String correlationId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String title, String detail, String correlationId) {
        return new Problem("https://payguard.io/problems/" + code, title, status, detail, null, code, correlationId);
    }
}

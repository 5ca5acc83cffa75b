package io.payguard.audit.domain.alert;

import java.time.Duration;
import java.time.Instant;

/**
 * An alert raised by a rule over the audit stream.
 *
 * @param rule    stable rule id, e.g. {@code failed-authentications-burst}, {@code chain-verification-failed}
 * @param keyKind what {@code key} is: {@code clientId}, {@code ip}, {@code chain}
 */
public record SecurityAlert(String rule, String keyKind, String key, long count, Duration window, Instant at) {}

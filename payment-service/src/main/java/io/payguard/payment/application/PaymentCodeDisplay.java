package io.payguard.payment.application;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The digits of the codes this instance issued, in memory only and only while a code may be charged (at most 60 s;
 * bounded in size), so that {@code GET /v1/payment_codes/{id}/image} can draw a code the database holds only as a keyed
 * hash. Gone on a restart and not shared between replicas: an app draws its code from the digits it was answered (the
 * image endpoint is a convenience).
 */
@ApplicationScoped
public class PaymentCodeDisplay {

    private record Shown(String digits, Instant expiresAt) {}

    private final Cache<String, Shown> shown = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(PaymentCodeService.MAX_VALIDITY.plus(Duration.ofSeconds(5)))
            .build();

    void remember(String id, String digits, Instant expiresAt) {
        shown.put(id, new Shown(digits, expiresAt));
    }

    Optional<String> digits(String id) {
        return Optional.ofNullable(shown.getIfPresent(id)).map(Shown::digits);
    }

    void forget(String id) {
        shown.invalidate(id);
    }
}

package io.payguard.auth.apikey.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** The rules for issuing and rotating keys, as plain functions with sealed outcomes. */
public final class ApiKeyPolicy {

    public static final int MAX_ACTIVE_KEYS_PER_MERCHANT = 20;
    public static final Duration MAX_OVERLAP = Duration.ofDays(7);
    public static final Duration MAX_LIFETIME = Duration.ofDays(400);

    public sealed interface Decision permits Allowed, Refused {}

    public record Allowed(Set<Scope> scopes) implements Decision {}

    public record Refused(String code, String reason) implements Decision {}

    private ApiKeyPolicy() {}

    /** Which scopes a new key gets, or why it cannot be issued. */
    public static Decision issue(KeyKind kind, Set<Scope> requested, Instant now, Instant expiresAt, long activeKeys) {
        if (activeKeys >= MAX_ACTIVE_KEYS_PER_MERCHANT) {
            return new Refused(
                    "too_many_keys",
                    "a merchant may hold at most " + MAX_ACTIVE_KEYS_PER_MERCHANT + " active keys; revoke one first");
        }
        if (expiresAt != null && (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(MAX_LIFETIME)))) {
            return new Refused(
                    "invalid_expiry",
                    "expiresAt must be in the future and at most " + MAX_LIFETIME.toDays() + " days away");
        }
        return switch (kind) {
            case SECRET ->
                requested == null || requested.isEmpty()
                        ? new Allowed(Scope.secretKeyScopes())
                        : new Refused(
                                "scopes_not_allowed",
                                "secret keys carry every server-side scope; use a restricted key to limit them");
            case PUBLISHABLE ->
                requested == null
                                || requested.isEmpty()
                                || Scope.publishableKeyScopes().containsAll(requested)
                        ? new Allowed(Scope.publishableKeyScopes())
                        : new Refused("scopes_not_allowed", "publishable keys may only tokenise cards (tokens:write)");
            case RESTRICTED -> {
                if (requested == null || requested.isEmpty()) {
                    yield new Refused("scopes_required", "restricted keys need an explicit list of scopes");
                }
                if (requested.contains(Scope.TOKENS_WRITE)) {
                    yield new Refused("scopes_not_allowed", "tokens:write belongs to publishable keys");
                }
                yield new Allowed(EnumSet.copyOf(requested));
            }
        };
    }

    public static Decision rotate(ApiKey key, Duration overlap, Instant now) {
        if (!key.usableAt(now)) {
            return new Refused("key_not_active", "only an active key can be rotated");
        }
        if (key.replacedBy() != null) {
            return new Refused("already_rotated", "this key was already rotated");
        }
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            return new Refused("invalid_overlap", "overlap must be between 0 and " + MAX_OVERLAP.toHours() + " hours");
        }
        return new Allowed(key.scopes());
    }
}

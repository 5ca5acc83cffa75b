package io.payguard.platform.protection.envelope;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import io.payguard.platform.protection.kms.KeyManagementService;

/**
 * Keyed blind index: HMAC-SHA256 (a KMS MAC key) over table, column and the normalised value, so equal
 * values can be found by exact match without storing them. Different columns give unrelated indexes.
 * The index leaks equality (two rows with the same phone share an index): use it only where exact-match
 * lookup is needed. Rotating the MAC key changes every index: re-index with the re-encryption job.
 *
 * <p>Every {@link #of} is a KMS MAC (with Vault, a network round trip: from reactive code call it through the Quarkus
 * layer's {@code KmsCalls}). Making one makes no KMS call; the MAC key is created on first use.
 */
public final class BlindIndex {

    private final KeyManagementService kms;
    private final String keyName;

    public BlindIndex(KeyManagementService kms, String keyName) {
        this.kms = kms;
        this.keyName = keyName;
    }

    public String of(String table, String column, String normalisedValue) {
        if (normalisedValue == null) {
            return null;
        }
        byte[] mac = kms.mac(
                keyName,
                ("payguard-bidx-v1|" + table + '|' + column + '|' + normalisedValue).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    /** Digits only, without a +86/0086 country prefix: "+86 138-1234-5678" and "13812345678" index alike. */
    public static String normalisePhone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("\\D", "");
        if (digits.length() == 13 && digits.startsWith("86")) {
            return digits.substring(2);
        }
        if (digits.length() == 15 && digits.startsWith("0086")) {
            return digits.substring(4);
        }
        return digits;
    }

    public static String normaliseEmail(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }
}

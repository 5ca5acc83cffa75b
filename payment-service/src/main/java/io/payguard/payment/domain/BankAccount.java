package io.payguard.payment.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A bank account a customer registered for payouts. Only the displayable parts live here: the number and the holder's
 * name exist as ciphertext in the store, and in clear only in the order handed to the payout rail.
 */
public record BankAccount(
        String id, String owner, String bankCode, String last4, String fingerprint, boolean active, Instant createdAt) {

    public static final String PREFIX = "ba_";
    /** Domestic account numbers (8 to 30 digits; CNAPS, IBAN digits) and bank codes (letters and digits). */
    public static final Pattern NUMBER = Pattern.compile("\\d{8,30}");

    public static final Pattern BANK_CODE = Pattern.compile("[A-Z0-9]{3,12}");

    public BankAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(bankCode, "bankCode");
        Objects.requireNonNull(last4, "last4");
    }

    /** Why an account cannot be registered, or null when it can. */
    public static String problem(String number, String bankCode, String holderName) {
        if (number == null || !NUMBER.matcher(number).matches()) {
            return "account_number must be 8 to 30 digits";
        }
        if (bankCode == null || !BANK_CODE.matcher(bankCode).matches()) {
            return "bank_code must be 3 to 12 upper-case letters or digits";
        }
        if (holderName == null
                || holderName.isBlank()
                || holderName.length() > 70
                || holderName.chars().anyMatch(Character::isISOControl)) {
            return "holder_name must be 1 to 70 characters";
        }
        return null;
    }
}

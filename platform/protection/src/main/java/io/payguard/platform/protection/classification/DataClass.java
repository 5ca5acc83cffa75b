package io.payguard.platform.protection.classification;

/**
 * Confidentiality classes, after JR/T 0197 and PCI DSS: the class decides storage, logging and display.
 */
public enum DataClass {
    /** Internal, not personal: identifiers, statuses, timestamps. Shown and logged as is. */
    C1,
    /** Personal or cardholder data: stored encrypted, displayed masked, never logged in clear. */
    C2,
    /** Sensitive authentication data (CVV, PIN, passwords, OTPs): never stored after authorisation, never shown, never logged. */
    C3
}

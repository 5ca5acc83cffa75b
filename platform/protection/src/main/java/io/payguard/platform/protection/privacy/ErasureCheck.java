package io.payguard.platform.protection.privacy;

/** TEMPORARY copy of the lead's type (issue 18 contract, section 2); replaced by main's on merge. */
public sealed interface ErasureCheck {
    record Ready() implements ErasureCheck {}

    record Blocked(String code, String detail) implements ErasureCheck {}
}

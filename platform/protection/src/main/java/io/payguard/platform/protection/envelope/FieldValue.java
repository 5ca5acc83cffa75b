package io.payguard.platform.protection.envelope;

/** The result of reading an encrypted field: its value, nothing stored, or erased by crypto-shredding. */
public sealed interface FieldValue {

    record Plain(String value) implements FieldValue {
        @Override
        public String toString() {
            return "Plain[***]";
        }
    }

    record Absent() implements FieldValue {}

    /** The subject's key was destroyed: the value is gone for good. */
    record Erased(String subject) implements FieldValue {}

    default String orElse(String fallback) {
        return this instanceof Plain plain ? plain.value() : fallback;
    }
}

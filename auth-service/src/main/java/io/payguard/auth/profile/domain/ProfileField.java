package io.payguard.auth.profile.domain;

/** A profile's personal fields: each is stored only as ciphertext bound to its column's name. */
public enum ProfileField {
    NAME("name"),
    PHONE("phone"),
    EMAIL("email");

    private final String column;

    ProfileField(String column) {
        this.column = column;
    }

    /** The column the field is stored in and bound to (part of its ciphertext's associated data): never to change. */
    public String column() {
        return column;
    }
}

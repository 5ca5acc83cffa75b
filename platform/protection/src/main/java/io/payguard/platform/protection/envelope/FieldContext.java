package io.payguard.platform.protection.envelope;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where an encrypted value lives: table, column, row id and data subject. Used as AEAD associated data,
 * so a ciphertext copied to another row, column or subject fails to decrypt instead of leaking.
 */
public record FieldContext(String table, String column, String rowId, String subject) {

    public FieldContext {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(rowId, "rowId");
        Objects.requireNonNull(subject, "subject");
    }

    byte[] associatedData(int keyVersion) {
        return ("payguard-field-v1|" + table + '|' + column + '|' + rowId + '|' + subject + '|' + keyVersion)
                .getBytes(StandardCharsets.UTF_8);
    }
}

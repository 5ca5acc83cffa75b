package io.payguard.auth.apikey.domain;

import java.util.Locale;

/** Test keys never move real money; live keys do. The mode is part of the key text. */
public enum KeyMode {
    TEST,
    LIVE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KeyMode fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}

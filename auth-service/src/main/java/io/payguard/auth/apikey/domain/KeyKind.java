package io.payguard.auth.apikey.domain;

/** What a key may be used for; the prefix lets secret scanners recognise leaked keys. */
public enum KeyKind {
    /** Full access to the merchant's APIs. Server-side only. */
    SECRET("sk"),
    /** Safe to embed in apps: only card tokenisation. */
    PUBLISHABLE("pk"),
    /** Server-side, limited to the scopes it lists. */
    RESTRICTED("rk");

    private final String prefix;

    KeyKind(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public static KeyKind fromPrefix(String prefix) {
        for (KeyKind k : values()) {
            if (k.prefix.equals(prefix)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown key prefix");
    }
}

package io.payguard.platform.web.signature;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of RFC 8941 structured fields that {@code Signature-Input}, {@code Signature} and {@code Content-Digest}
 * use: a dictionary whose members are items (string, token, integer, boolean, byte sequence) or inner lists of items,
 * each with parameters. Strict: anything else is a {@link Malformed} (never another exception), so a hostile header
 * can only be refused. Decimals are not needed by these fields and are refused.
 */
public final class StructuredFields {

    /** A header that is not the structured field it should be. */
    public static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** A token (kept apart from a string: they serialize differently). */
    public record Token(String value) {}

    /** A bare item (String, Token, Long, Boolean or byte[]) with its parameters, in order. */
    public record Item(Object value, Map<String, Object> params) {}

    /** An inner list of items with the list's own parameters. */
    public record InnerList(List<Item> items, Map<String, Object> params) {}

    private static final int MAX_LENGTH = 8192;

    private final String s;
    private int i;

    private StructuredFields(String s) {
        this.s = s;
    }

    /** Parses a dictionary; values are {@link Item} or {@link InnerList}. Several field lines: join them with ", ". */
    public static Map<String, Object> dictionary(String field) throws Malformed {
        if (field == null || field.length() > MAX_LENGTH) {
            throw new Malformed("missing or oversized field");
        }
        var p = new StructuredFields(field);
        var out = new LinkedHashMap<String, Object>();
        p.skipSp();
        while (!p.end()) {
            String key = p.key();
            Object value;
            if (p.peek('=')) {
                p.i++;
                value = p.peek('(') ? p.innerList() : p.item();
            } else {
                value = new Item(Boolean.TRUE, p.params());
            }
            out.put(key, value);
            p.skipOws();
            if (p.end()) {
                break;
            }
            p.expect(',');
            p.skipOws();
            if (p.end()) {
                throw new Malformed("trailing comma");
            }
        }
        return out;
    }

    private InnerList innerList() throws Malformed {
        expect('(');
        var items = new ArrayList<Item>();
        while (true) {
            skipSp();
            if (peek(')')) {
                i++;
                return new InnerList(List.copyOf(items), params());
            }
            items.add(item());
            if (!peek(' ') && !peek(')')) {
                throw new Malformed("inner list items must be separated by spaces");
            }
        }
    }

    private Item item() throws Malformed {
        Object bare = bareItem();
        return new Item(bare, params());
    }

    private Map<String, Object> params() throws Malformed {
        var out = new LinkedHashMap<String, Object>();
        while (peek(';')) {
            i++;
            skipSp();
            String key = key();
            Object value = Boolean.TRUE;
            if (peek('=')) {
                i++;
                value = bareItem();
            }
            out.put(key, value);
        }
        return out;
    }

    private Object bareItem() throws Malformed {
        if (end()) {
            throw new Malformed("value expected");
        }
        char c = s.charAt(i);
        if (c == '"') {
            return string();
        }
        if (c == ':') {
            return bytes();
        }
        if (c == '?') {
            i++;
            if (peek('1') || peek('0')) {
                return s.charAt(i++) == '1';
            }
            throw new Malformed("boolean expected");
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return integer();
        }
        if (c == '*' || isAlpha(c)) {
            return token();
        }
        throw new Malformed("unexpected character");
    }

    private String string() throws Malformed {
        i++;
        var out = new StringBuilder();
        while (!end()) {
            char c = s.charAt(i++);
            if (c == '\\') {
                if (end() || (s.charAt(i) != '"' && s.charAt(i) != '\\')) {
                    throw new Malformed("bad escape in string");
                }
                out.append(s.charAt(i++));
            } else if (c == '"') {
                return out.toString();
            } else if (c < 0x20 || c > 0x7e) {
                throw new Malformed("string characters must be printable ASCII");
            } else {
                out.append(c);
            }
        }
        throw new Malformed("unterminated string");
    }

    private byte[] bytes() throws Malformed {
        int close = s.indexOf(':', i + 1);
        if (close < 0) {
            throw new Malformed("unterminated byte sequence");
        }
        String b64 = s.substring(i + 1, close);
        for (int k = 0; k < b64.length(); k++) {
            char c = b64.charAt(k);
            if (!(isAlpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=')) {
                throw new Malformed("byte sequence is not base64");
            }
        }
        i = close + 1;
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new Malformed("byte sequence is not base64");
        }
    }

    private Long integer() throws Malformed {
        int start = i;
        if (peek('-')) {
            i++;
        }
        int digits = 0;
        while (!end() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (digits == 0 || digits > 15 || peek('.')) {
            throw new Malformed("integer of 1 to 15 digits expected");
        }
        return Long.parseLong(s.substring(start, i));
    }

    private Token token() {
        int start = i;
        while (!end() && isTokenChar(s.charAt(i))) {
            i++;
        }
        return new Token(s.substring(start, i));
    }

    private String key() throws Malformed {
        if (end() || !(s.charAt(i) == '*' || (s.charAt(i) >= 'a' && s.charAt(i) <= 'z'))) {
            throw new Malformed("key expected");
        }
        int start = i;
        while (!end()) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == '*') {
                i++;
            } else {
                break;
            }
        }
        return s.substring(start, i);
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isTokenChar(char c) {
        return isAlpha(c) || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~:/".indexOf(c) >= 0;
    }

    private boolean end() {
        return i >= s.length();
    }

    private boolean peek(char c) {
        return !end() && s.charAt(i) == c;
    }

    private void expect(char c) throws Malformed {
        if (!peek(c)) {
            throw new Malformed("'" + c + "' expected");
        }
        i++;
    }

    private void skipSp() {
        while (peek(' ')) {
            i++;
        }
    }

    private void skipOws() {
        while (peek(' ') || peek('\t')) {
            i++;
        }
    }

    /** RFC 8941 serialization of an inner list (what {@code @signature-params} is). */
    public static String serialize(InnerList list) {
        var out = new StringBuilder("(");
        for (int k = 0; k < list.items().size(); k++) {
            if (k > 0) {
                out.append(' ');
            }
            var item = list.items().get(k);
            serializeBare(out, item.value());
            serializeParams(out, item.params());
        }
        out.append(')');
        serializeParams(out, list.params());
        return out.toString();
    }

    private static void serializeParams(StringBuilder out, Map<String, Object> params) {
        params.forEach((k, v) -> {
            out.append(';').append(k);
            if (!Boolean.TRUE.equals(v)) {
                out.append('=');
                serializeBare(out, v);
            }
        });
    }

    static void serializeBare(StringBuilder out, Object v) {
        switch (v) {
            case String str ->
                out.append('"')
                        .append(str.replace("\\", "\\\\").replace("\"", "\\\""))
                        .append('"');
            case Token t -> out.append(t.value());
            case Long n -> out.append(n);
            case Boolean b -> out.append(b ? "?1" : "?0");
            case byte[] b ->
                out.append(':').append(Base64.getEncoder().encodeToString(b)).append(':');
            default -> throw new IllegalArgumentException("not a bare item: " + v.getClass());
        }
    }
}

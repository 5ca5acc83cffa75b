package io.payguard.platform.testing.contracts;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.payguard.platform.protection.classification.DataClass;
import io.payguard.platform.protection.classification.DataKind;

/**
 * The classification marks of the event schemas (issue 18 item 4). A property that holds personal data carries
 * {@code "x-payguard-class"} ({@code C1} or {@code C2}; never {@code C3}) and {@code "x-payguard-kind"} (a
 * {@link DataKind}). The rule for people's ids: an opaque pseudonymous id (a Keycloak subject: {@code customerId},
 * {@code actor.subject}, {@code dataSubject}, {@code reviewer}) is {@code C1}/{@code INTERNAL}: nothing about the person
 * can be read from it without the identity provider, and it is what erasure follows and replaces by a pseudonym. A
 * {@code C2} property must say how it leaves the service: a masking {@code pattern} (one that requires a mask
 * character {@code *}), a token or pseudonym ({@code "x-payguard-format": "token"} or {@code "pseudonym"}), or, on
 * the audit trail's own topics only, {@code "x-payguard-clear": "<why>"} (the trail needs the value and seals it per
 * data subject).
 */
public final class PrivacyMarks {

    public static final String CLASS = "x-payguard-class";
    public static final String KIND = "x-payguard-kind";
    public static final String FORMAT = "x-payguard-format";
    public static final String CLEAR = "x-payguard-clear";

    /** The topics whose schemas may declare a C2 field in clear: the audit trail's input and its alerts. */
    public static final Set<String> CLEAR_TOPICS = Set.of("audit.records", "security.events", "security.alerts");

    /** Property names that look personal: such a property must carry a mark (C1 INTERNAL to say it is not personal). */
    static final Pattern PERSONAL_NAME = Pattern.compile(
            "(?i)^(?:.*e-?mail.*|.*phone.*|mobile|msisdn|.*name|ip|.*ipaddress|.*remoteaddr.*|.*useragent"
                    + "|pan|.*cardnumber|.*accountnumber|iban|.*address|.*birth.*|dob|.*idnumber|.*idcard.*"
                    + "|passport.*|nationalid|subject|.*customerid|datasubject|reviewer|actor|owner.*|payer)$");

    /** One marked value found in an event's data: where (JSON pointer), its marks and the value. */
    public record MarkedValue(
            String pointer, DataClass level, DataKind kind, String format, String clear, JsonNode value) {}

    private PrivacyMarks() {}

    /** What is wrong with the marks of {@code type}'s schema; empty when every personal property is marked as it must be. */
    public static List<String> violations(String type) {
        return violations(type, EventContracts.schema(type), EventContracts.topicOf(type));
    }

    /** As {@link #violations(String)}, for a schema published on {@code topic}. */
    public static List<String> violations(String type, JsonNode schema, String topic) {
        var out = new ArrayList<String>();
        check(schema, "", topic, out);
        return out.stream().map(v -> type + " " + v).toList();
    }

    private static void check(JsonNode node, String path, String topic, List<String> out) {
        if (node.isArray()) {
            node.forEach(n -> check(n, path, topic, out));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals("properties") && e.getValue().isObject()) {
                e.getValue().fields().forEachRemaining(p -> {
                    String where = path + "/" + p.getKey();
                    checkProperty(p.getKey(), p.getValue(), where, topic, out);
                    check(p.getValue(), where, topic, out);
                });
            } else {
                check(e.getValue(), path, topic, out);
            }
        }
    }

    private static void checkProperty(String name, JsonNode p, String where, String topic, List<String> out) {
        if (!p.has(CLASS)) {
            if (PERSONAL_NAME.matcher(name).matches()
                    && !p.path("type").asText().equals("object")) {
                out.add(where + ": a personal-looking property without " + CLASS + " and " + KIND);
            }
            return;
        }
        String level = p.path(CLASS).asText();
        DataKind kind = kindOf(p.path(KIND).asText());
        if (!level.equals("C1") && !level.equals("C2")) {
            out.add(where + ": " + CLASS + " " + level + " (C3 never leaves a service; only C1 or C2 in an event)");
        }
        if (kind == null) {
            out.add(where + ": " + KIND + " '" + p.path(KIND).asText() + "' is not a DataKind");
        } else if (kind.defaultClass() == DataClass.C3) {
            out.add(where + ": kind " + kind + " is C3, which never leaves a service");
        }
        if (level.equals("C2")) {
            checkC2(p, where, topic, out);
        }
    }

    private static void checkC2(JsonNode p, String where, String topic, List<String> out) {
        boolean masked = p.path("pattern").asText().contains("\\*");
        boolean tokenised = Set.of("token", "pseudonym").contains(p.path(FORMAT).asText());
        boolean clear = !p.path(CLEAR).asText().isBlank();
        if (clear && !CLEAR_TOPICS.contains(topic)) {
            out.add(where + ": " + CLEAR + " is allowed only on " + CLEAR_TOPICS + ", not on " + topic);
        } else if (!masked && !tokenised && !clear) {
            out.add(where + ": C2 without a masking pattern (requiring '*'), " + FORMAT
                    + " token/pseudonym or (audit topics) " + CLEAR);
        }
    }

    static DataKind kindOf(String name) {
        try {
            return DataKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Every value of {@code data} whose schema property of {@code type} carries a mark. */
    public static List<MarkedValue> marked(String type, JsonNode data) {
        var out = new ArrayList<MarkedValue>();
        JsonNode schema = EventContracts.schema(type);
        walk(schema, schema, data, "", out);
        return out;
    }

    private static void walk(JsonNode root, JsonNode schema, JsonNode data, String pointer, List<MarkedValue> out) {
        if (schema == null || schema.isMissingNode()) {
            return;
        }
        if (schema.has("$ref") && schema.path("$ref").asText().startsWith("#/")) {
            walk(root, root.at(schema.path("$ref").asText().substring(1)), data, pointer, out);
        }
        if (schema.has(CLASS)) {
            out.add(new MarkedValue(
                    pointer,
                    schema.path(CLASS).asText().equals("C2") ? DataClass.C2 : DataClass.C1,
                    kindOf(schema.path(KIND).asText()),
                    schema.path(FORMAT).asText(null),
                    schema.path(CLEAR).asText(null),
                    data));
        }
        if (data.isObject()) {
            data.fields().forEachRemaining(f -> {
                String child = pointer + "/" + f.getKey().replace("~", "~0").replace("/", "~1");
                walk(root, schema.path("properties").path(f.getKey()), f.getValue(), child, out);
            });
        } else if (data.isArray()) {
            for (int i = 0; i < data.size(); i++) {
                walk(root, schema.path("items"), data.get(i), pointer + "/" + i, out);
            }
        }
        for (String branch : List.of("allOf", "anyOf", "oneOf")) {
            schema.path(branch).forEach(b -> walkBranch(root, b, data, pointer, out));
        }
    }

    private static void walkBranch(
            JsonNode root, JsonNode branch, JsonNode data, String pointer, List<MarkedValue> out) {
        if (branch.has("properties") || branch.has("$ref") || branch.has("items")) {
            walk(root, branch, data, pointer, out);
        }
    }
}

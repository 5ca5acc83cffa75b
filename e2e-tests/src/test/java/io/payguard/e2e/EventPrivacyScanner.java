package io.payguard.e2e;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.payguard.kernel.Luhn;
import io.payguard.platform.protection.classification.DataClass;
import io.payguard.platform.protection.classification.DataKind;
import io.payguard.platform.testing.contracts.EventContracts;
import io.payguard.platform.testing.contracts.PrivacyMarks;

/**
 * Finds personal data an event carries in clear (issue 18 item 4): (a) a value of a property its schema marks
 * {@code C2} that is not masked or tokenised as its kind must be, unless the schema declares it in clear
 * ({@code x-payguard-clear}, the audit trail's own topics only); (b) anywhere else in the CloudEvent (envelope and
 * data), a string that looks like an unmasked e-mail address, mobile number, PAN (Luhn-valid, 13-19 digits), PRC ID
 * number, IP address, credential or secret ({@link LeakScanner}, plus IP addresses). A finding names the topic, the
 * type and the JSON pointer, and a masked excerpt only.
 */
final class EventPrivacyScanner {

    record Finding(String topic, String type, String pointer, String what) {
        @Override
        public String toString() {
            return topic + " " + type + " " + pointer + ": " + what;
        }
    }

    private static final Pattern IPV4 = Pattern.compile(
            "(?<![0-9A-Za-z.])(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}(?![0-9A-Za-z.])");
    private static final Pattern IPV6 = Pattern.compile("(?<![0-9A-Za-z:])(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){7}"
            + "|(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?)"
            + "(?![0-9A-Za-z:])");
    private static final Pattern TOKEN = Pattern.compile("^[a-z]{2,8}_[A-Za-z0-9_-]{6,}$");

    private final LeakScanner leaks;

    EventPrivacyScanner(Collection<String> allowedEmailDomains) {
        this.leaks = new LeakScanner(List.of(), allowedEmailDomains);
    }

    /** The personal data {@code event} (a whole CloudEvent) carries in clear; empty when it carries none. */
    List<Finding> scan(String topic, JsonNode event) {
        String type = event.path("type").asText();
        var findings = new ArrayList<Finding>();
        Set<String> allowed = new HashSet<>();
        if (EventContracts.topicOf(type) != null && event.has("data")) {
            for (var m : PrivacyMarks.marked(type, event.get("data"))) {
                if (m.clear() != null) {
                    allowed.add("/data" + m.pointer());
                } else if (m.level() == DataClass.C2 && !masked(m)) {
                    findings.add(new Finding(
                            topic,
                            type,
                            "/data" + m.pointer(),
                            "C2 " + m.kind() + " not masked: " + excerpt(m.value())));
                }
            }
        }
        walk(event, "", allowed, topic, type, findings);
        return findings;
    }

    private void walk(
            JsonNode node, String pointer, Set<String> allowed, String topic, String type, List<Finding> out) {
        if (allowed.contains(pointer)) {
            return;
        }
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(
                            f -> walk(f.getValue(), pointer + "/" + escape(f.getKey()), allowed, topic, type, out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, allowed, topic, type, out);
            }
        } else if (node.isTextual() || node.isNumber()) {
            for (String what : inClear(node.asText())) {
                out.add(new Finding(topic, type, pointer, what));
            }
        }
    }

    /** What {@code text} shows in clear: the leak scanner's kinds with a masked excerpt, and IP addresses. */
    List<String> inClear(String text) {
        var hits = new ArrayList<String>();
        leaks.scan(text).forEach(h -> hits.add(h.kind() + " " + h.masked()));
        var v4 = IPV4.matcher(text);
        while (v4.find()) {
            hits.add("ip " + v4.group().replaceAll("\\.\\d+$", ".*"));
        }
        var v6 = IPV6.matcher(text);
        while (v6.find()) {
            if (v6.group().length() >= 3 && v6.group().chars().anyMatch(Character::isDigit)) {
                hits.add("ip " + v6.group().substring(0, Math.min(6, v6.group().length())) + "…");
            }
        }
        return hits;
    }

    /** Whether a C2 value is shown as its kind must be outside its service: masked with '*', or a token/pseudonym. */
    boolean masked(PrivacyMarks.MarkedValue m) {
        JsonNode v = m.value();
        if (v == null || v.isNull()) {
            return true;
        }
        if (!v.isTextual()) {
            return false; // a C2 number, boolean or object in clear
        }
        String s = v.asText();
        if (!inClear(s).isEmpty()) {
            return false;
        }
        if ("token".equals(m.format()) || "pseudonym".equals(m.format())) {
            return TOKEN.matcher(s).matches();
        }
        return s.contains("*") && kindMasked(m.kind(), s);
    }

    private static boolean kindMasked(DataKind kind, String s) {
        if (kind == null) {
            return false;
        }
        return switch (kind) {
            case PAN, ACCOUNT_NUMBER -> s.replaceAll("\\D", "").length() <= 10 && !Luhn.valid(s.replaceAll("\\D", ""));
            case PHONE -> s.replaceAll("\\D", "").length() <= 7;
            case EMAIL -> !s.contains("@") || s.indexOf('*') < s.indexOf('@');
            case ID_NUMBER -> s.replaceAll("[^0-9Xx]", "").length() <= 8;
            default -> true;
        };
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String excerpt(JsonNode value) {
        String s = value == null ? "null" : value.asText();
        return s.length() <= 2 ? "**" : s.charAt(0) + "…(" + s.length() + " chars)";
    }
}

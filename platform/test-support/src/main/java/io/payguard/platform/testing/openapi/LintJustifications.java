package io.payguard.platform.testing.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The lint warnings a service keeps, each with why: one line per entry, {@code rule | path | why}. The path is the
 * finding's JSON path with segments joined by {@code >} ({@code paths>/v1/payment_intents>get>parameters>0>schema});
 * {@code *} stands for any text within one segment, {@code **} for any text at all, {@code (root)} for the document
 * itself. Blank lines and lines starting with
 * {@code #} are comments. An entry without a reason, or that matches no finding, is an error: the list stays true.
 */
public final class LintJustifications {

    public record Entry(int line, String rule, String path, String why, Pattern matcher) {
        boolean covers(OpenApiLint.Finding f) {
            return f.rule().equals(rule) && matcher.matcher(f.path()).matches();
        }
    }

    /** The path of a finding on the document itself. */
    public static final String ROOT = "(root)";

    private final List<Entry> entries;

    private LintJustifications(List<Entry> entries) {
        this.entries = entries;
    }

    public static LintJustifications parse(String text) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s*\\|\\s*", 3);
            if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
                throw new AssertionError("lint justification line " + (i + 1) + " is not 'rule | path | why': " + line);
            }
            entries.add(new Entry(i + 1, parts[0], parts[1], parts[2], glob(parts[1])));
        }
        return new LintJustifications(entries);
    }

    static Pattern glob(String path) {
        if (path.equals(ROOT)) {
            return Pattern.compile("");
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '*' && i + 1 < path.length() && path.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^>]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    public boolean covers(OpenApiLint.Finding finding) {
        return entries.stream().anyMatch(e -> e.covers(finding));
    }

    /** The entries that cover none of {@code findings}. */
    public List<Entry> unused(List<OpenApiLint.Finding> findings) {
        return entries.stream()
                .filter(e -> findings.stream().noneMatch(e::covers))
                .toList();
    }

    public List<Entry> entries() {
        return entries;
    }
}

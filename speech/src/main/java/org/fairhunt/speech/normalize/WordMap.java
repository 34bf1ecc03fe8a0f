package org.fairhunt.speech.normalize;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.UserInputException;

/**
 * A user word map in the spirit of sclite's GLM files: lines {@code from words => to words}, e.g.
 * {@code ok => okay} or {@code all right => alright}; an empty right side deletes the words. Lines
 * starting with {@code ;} or {@code #} are comments. Rules match whole token sequences, longest match
 * first, left to right, and the output is not re-scanned (so {@code a => a b} cannot loop). Matching is
 * exact: put the word map after {@code case} to make it case-insensitive.
 *
 * <p>NIST GLM files (what sclite's {@code csrfilt.sh} reads) are accepted as they are: header lines
 * {@code * name = '...'} (a {@code case_sensitive = 'F'} header makes matching case-insensitive), rules
 * with the word-boundary context {@code / [ ] __ [ ]}, and {@code ;;} comments. A GLM rule whose right side
 * is an alternation ({@code {am not / are not}}) or whose context is anything else is refused with its
 * line and column: scoring it as csrfilt does needs sclite's alternation networks.
 */
public final class WordMap implements NormalizationStep {

    private final Map<String, List<Rule>> rulesByFirstWord;
    private final String name;
    private final int ruleCount;
    private final boolean caseInsensitive;

    private record Rule(String[] from, List<String> to) {
    }

    private WordMap(Map<String, List<Rule>> rules, String name, int ruleCount, boolean caseInsensitive) {
        this.rulesByFirstWord = rules;
        this.name = name;
        this.ruleCount = ruleCount;
        this.caseInsensitive = caseInsensitive;
    }

    public static WordMap read(Path file) {
        return parse(readLines(file), file.toString(), String.valueOf(file.getFileName()));
    }

    /** The lines of a word-map file (UTF-8), or a user error naming it. */
    static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException("cannot read word map " + file + ": " + org.fairhunt.core.io.IoMessages.describe(e), e);
        }
    }

    public static WordMap parse(List<String> lines, String source, String name) {
        Map<String, List<Rule>> rules = new HashMap<>();
        int count = 0;
        boolean caseInsensitive = false;
        for (int k = 0; k < lines.size(); k++) {
            String raw = lines.get(k);
            String line = raw.strip();
            int comment = line.indexOf(";;");
            if (comment >= 0) {
                line = line.substring(0, comment).strip();
            }
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("*")) {
                // A GLM header: * name = 'value' (or * name "value").
                String header = line.substring(1).strip().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
                if (header.startsWith("case_sensitive=")) {
                    caseInsensitive = header.contains("'f'") || header.contains("\"f\"");
                }
                continue;
            }
            int arrow = line.indexOf("=>");
            if (arrow < 0) {
                throw new DataFormatException(source, k + 1, 1, "expected 'from words => to words', found '" + line + "'");
            }
            String left = line.substring(0, arrow).strip();
            String right = line.substring(arrow + 2).strip();
            // A GLM context: '/' (at the start or after a space) followed by 'left __ right'.
            int slash = right.startsWith("/") ? 0 : right.lastIndexOf(" /") + 1;
            if (slash >= 0 && right.startsWith("/", slash) && right.indexOf("__", slash) > 0) {
                String context = right.substring(slash + 1).replaceAll("\\s+", "");
                if (!context.equals("[]__[]")) {
                    throw new DataFormatException(source, k + 1, raw.indexOf(right) + slash + 2, "not supported: the GLM context '"
                            + right.substring(slash + 1).strip() + "'; only '[ ] __ [ ]' (whole words) is");
                }
                right = right.substring(0, slash).strip();
            }
            int brace = right.indexOf('{');
            if (brace >= 0) {
                throw new DataFormatException(source, k + 1, raw.indexOf(right) + brace + 1,
                        "not supported: an alternation on the right side of a GLM rule (csrfilt turns it into a reference "
                                + "alternation); write one replacement");
            }
            if (left.isEmpty()) {
                throw new DataFormatException(source, k + 1, 1, "expected at least one word before '=>'");
            }
            String[] from = left.split("\\s+");
            List<String> to = right.isEmpty() ? List.of() : List.of(right.split("\\s+"));
            rules.computeIfAbsent(from[0], x -> new ArrayList<>()).add(new Rule(from, to));
            count++;
        }
        if (caseInsensitive) {
            Map<String, List<Rule>> folded = new HashMap<>();
            rules.values().forEach(list -> list.forEach(r -> {
                String[] from = new String[r.from.length];
                for (int j = 0; j < from.length; j++) {
                    from[j] = r.from[j].toLowerCase(java.util.Locale.ROOT);
                }
                folded.computeIfAbsent(from[0], x -> new ArrayList<>()).add(new Rule(from, r.to));
            }));
            rules = folded;
        }
        for (List<Rule> list : rules.values()) {
            list.sort((a, b) -> Integer.compare(b.from.length, a.from.length));
        }
        return new WordMap(rules, name, count, caseInsensitive);
    }

    @Override
    public List<String> apply(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        int k = 0;
        while (k < tokens.size()) {
            List<Rule> candidates = rulesByFirstWord.get(caseInsensitive ? tokens.get(k).toLowerCase(java.util.Locale.ROOT)
                    : tokens.get(k));
            Rule match = null;
            if (candidates != null) {
                for (Rule r : candidates) {
                    if (matches(tokens, k, r.from, caseInsensitive)) {
                        match = r;
                        break;
                    }
                }
            }
            if (match == null) {
                out.add(tokens.get(k));
                k++;
            } else {
                out.addAll(match.to);
                k += match.from.length;
            }
        }
        return out;
    }

    private static boolean matches(List<String> tokens, int at, String[] from, boolean caseInsensitive) {
        if (at + from.length > tokens.size()) {
            return false;
        }
        for (int j = 0; j < from.length; j++) {
            if (caseInsensitive ? !tokens.get(at + j).equalsIgnoreCase(from[j]) : !tokens.get(at + j).equals(from[j])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String describe() {
        return "word-map(" + name + ", " + ruleCount + (ruleCount == 1 ? " rule)" : " rules)");
    }

    @Override
    public String toString() {
        return describe();
    }
}

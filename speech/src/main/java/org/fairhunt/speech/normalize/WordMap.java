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
 */
public final class WordMap implements NormalizationStep {

    private final Map<String, List<Rule>> rulesByFirstWord;
    private final String name;
    private final int ruleCount;

    private record Rule(String[] from, List<String> to) {
    }

    private WordMap(Map<String, List<Rule>> rules, String name, int ruleCount) {
        this.rulesByFirstWord = rules;
        this.name = name;
        this.ruleCount = ruleCount;
    }

    public static WordMap read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException("cannot read word map " + file + ": " + org.fairhunt.core.io.IoMessages.describe(e), e);
        }
        return parse(lines, file.toString(), String.valueOf(file.getFileName()));
    }

    public static WordMap parse(List<String> lines, String source, String name) {
        Map<String, List<Rule>> rules = new HashMap<>();
        int count = 0;
        for (int k = 0; k < lines.size(); k++) {
            String line = lines.get(k).strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            int arrow = line.indexOf("=>");
            if (arrow < 0) {
                throw new DataFormatException(source, k + 1, 1, "expected 'from words => to words', found '" + line + "'");
            }
            String left = line.substring(0, arrow).strip();
            String right = line.substring(arrow + 2).strip();
            if (left.isEmpty()) {
                throw new DataFormatException(source, k + 1, 1, "expected at least one word before '=>'");
            }
            String[] from = left.split("\\s+");
            List<String> to = right.isEmpty() ? List.of() : List.of(right.split("\\s+"));
            rules.computeIfAbsent(from[0], x -> new ArrayList<>()).add(new Rule(from, to));
            count++;
        }
        for (List<Rule> list : rules.values()) {
            list.sort((a, b) -> Integer.compare(b.from.length, a.from.length));
        }
        return new WordMap(rules, name, count);
    }

    @Override
    public List<String> apply(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        int k = 0;
        while (k < tokens.size()) {
            List<Rule> candidates = rulesByFirstWord.get(tokens.get(k));
            Rule match = null;
            if (candidates != null) {
                for (Rule r : candidates) {
                    if (matches(tokens, k, r.from)) {
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

    private static boolean matches(List<String> tokens, int at, String[] from) {
        if (at + from.length > tokens.size()) {
            return false;
        }
        for (int j = 0; j < from.length; j++) {
            if (!tokens.get(at + j).equals(from[j])) {
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

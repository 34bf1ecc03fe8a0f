package org.fairhunt.speech.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The built-in normalization steps. */
public final class Steps {

    private Steps() {
    }

    /** Lower-cases every token (Unicode, locale-independent), as sclite's default case-insensitive scoring. */
    public static NormalizationStep caseFold() {
        return new SimpleStep("case") {
            @Override
            public List<String> apply(List<String> tokens) {
                List<String> out = new ArrayList<>(tokens.size());
                for (String t : tokens) {
                    out.add(t.toLowerCase(Locale.ROOT));
                }
                return out;
            }
        };
    }

    /**
     * Removes punctuation. Apostrophes inside a word ({@code it's}, {@code o'clock}) are kept because they
     * change the word; hyphens and slashes between letters split the token ({@code well-known} → two
     * words, matching how recognizers usually emit them); any other punctuation or symbol is dropped,
     * and a token left empty disappears.
     */
    public static NormalizationStep punctuation() {
        return new SimpleStep("punctuation") {
            @Override
            public List<String> apply(List<String> tokens) {
                List<String> out = new ArrayList<>(tokens.size());
                StringBuilder word = new StringBuilder();
                for (String t : tokens) {
                    word.setLength(0);
                    int n = t.length();
                    for (int k = 0; k < n; k++) {
                        char c = t.charAt(k);
                        if (Character.isLetterOrDigit(c)) {
                            word.append(c);
                        } else if ((c == '\'' || c == '\u2019') && word.length() > 0 && k + 1 < n
                                && Character.isLetterOrDigit(t.charAt(k + 1))) {
                            word.append('\'');
                        } else if (c == '-' || c == '/' || c == '\u2010' || c == '\u2013') {
                            flush(word, out);
                        }
                    }
                    flush(word, out);
                }
                return out;
            }
        };
    }

    private static void flush(StringBuilder word, List<String> out) {
        if (word.length() > 0) {
            out.add(word.toString());
            word.setLength(0);
        }
    }

    // Only unambiguous forms; "'s" is expanded only after pronouns and question words, never after a
    // noun, so possessives ("man's") stay as they are. "'d" becomes "would" (it may be "had"; what
    // matters is that both sides are rewritten the same way).
    private static final Map<String, String> CONTRACTIONS = Map.ofEntries(
            Map.entry("won't", "will not"), Map.entry("can't", "can not"), Map.entry("cannot", "can not"),
            Map.entry("shan't", "shall not"), Map.entry("ain't", "is not"), Map.entry("let's", "let us"),
            Map.entry("y'all", "you all"), Map.entry("o'clock", "o'clock"), Map.entry("gonna", "going to"),
            Map.entry("wanna", "want to"), Map.entry("gotta", "got to"));
    private static final Set<String> S_IS = Set.of("it", "that", "there", "here", "he", "she", "what", "where",
            "who", "how", "when", "why", "this");
    private static final Map<String, String> SUFFIXES = Map.of("n't", "not", "'re", "are", "'ll", "will",
            "'ve", "have", "'m", "am", "'d", "would");

    /** Expands English contractions: {@code don't} → {@code do not}, {@code it's} → {@code it is}. */
    public static NormalizationStep contractions() {
        return new SimpleStep("contractions") {
            @Override
            public List<String> apply(List<String> tokens) {
                List<String> out = new ArrayList<>(tokens.size() + 4);
                for (String raw : tokens) {
                    String t = raw.replace('\u2019', '\'');
                    String lower = t.toLowerCase(Locale.ROOT);
                    String whole = CONTRACTIONS.get(lower);
                    if (whole != null) {
                        addWords(whole, raw, out);
                        continue;
                    }
                    String expanded = null;
                    for (Map.Entry<String, String> e : SUFFIXES.entrySet()) {
                        String suffix = e.getKey();
                        if (lower.length() > suffix.length() && lower.endsWith(suffix)) {
                            String stem = t.substring(0, t.length() - suffix.length());
                            expanded = stem + " " + e.getValue();
                            break;
                        }
                    }
                    if (expanded == null && lower.endsWith("'s")
                            && S_IS.contains(lower.substring(0, lower.length() - 2))) {
                        expanded = t.substring(0, t.length() - 2) + " is";
                    }
                    if (expanded == null) {
                        out.add(raw);
                    } else {
                        addWords(expanded, raw, out);
                    }
                }
                return out;
            }
        };
    }

    private static void addWords(String expansion, String original, List<String> out) {
        boolean upper = !original.isEmpty() && original.equals(original.toUpperCase(Locale.ROOT))
                && !original.equals(original.toLowerCase(Locale.ROOT));
        for (String w : expansion.split(" ")) {
            out.add(upper ? w.toUpperCase(Locale.ROOT) : w);
        }
    }

    /** The filler words removed by {@link #nonSpeech()}. */
    public static final Set<String> FILLERS = Set.of("uh", "um", "uhm", "er", "erm", "ah", "eh", "hmm", "mm",
            "mhm", "%hesitation");

    /**
     * Removes non-speech tokens: anything wholly in angle or square brackets ({@code <unk>}, {@code <sil>},
     * {@code [noise]}, {@code [laughter]}), sphinx-style {@code ++noise++}, and the fillers in
     * {@link #FILLERS} (compared case-insensitively).
     */
    public static NormalizationStep nonSpeech() {
        return dropping("nonspeech", Steps::isNonSpeech);
    }

    /** A step that drops the tokens {@code drop} accepts. */
    private static NormalizationStep dropping(String name, java.util.function.Predicate<String> drop) {
        return new SimpleStep(name) {
            @Override
            public List<String> apply(List<String> tokens) {
                List<String> out = new ArrayList<>(tokens.size());
                for (String t : tokens) {
                    if (!drop.test(t)) {
                        out.add(t);
                    }
                }
                return out;
            }
        };
    }

    /**
     * Removes non-speech markup only: tokens wholly in angle or square brackets ({@code <unk>},
     * {@code <sil>}, {@code [noise]}) and sphinx-style {@code ++noise++}. Unlike {@link #nonSpeech()} it
     * keeps filler words: pocketsphinx writes "ah" for real sounds, and dropping them would hide errors.
     */
    public static NormalizationStep markup() {
        return dropping("markup", Steps::isMarkup);
    }

    static boolean isMarkup(String t) {
        int n = t.length();
        return n >= 2 && ((t.charAt(0) == '<' && t.charAt(n - 1) == '>') || (t.charAt(0) == '[' && t.charAt(n - 1) == ']'))
                || n >= 4 && t.startsWith("++") && t.endsWith("++");
    }

    static boolean isNonSpeech(String t) {
        return isMarkup(t) || FILLERS.contains(t.toLowerCase(Locale.ROOT));
    }

    private abstract static class SimpleStep implements NormalizationStep {
        private final String name;

        SimpleStep(String name) {
            this.name = name;
        }

        @Override
        public String describe() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}

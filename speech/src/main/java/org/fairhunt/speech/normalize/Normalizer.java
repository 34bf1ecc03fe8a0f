package org.fairhunt.speech.normalize;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fairhunt.core.UserInputException;

/**
 * An ordered chain of {@link NormalizationStep}s. Text is first split on runs of Unicode whitespace
 * (spaces, tabs, no-break spaces), so whitespace differences never count as errors; then each step runs
 * in turn. Immutable and thread-safe.
 */
public final class Normalizer {

    /** The step names accepted by {@link #parse(String, Path)}. */
    public static final List<String> STEP_NAMES = List.of("case", "markup", "punctuation", "contractions", "nonspeech", "numbers");

    /**
     * The default chain, {@code case,markup}: sclite's case-insensitive comparison, with non-speech
     * markup ({@code <unk>}, {@code [noise]}, {@code ++breath++}) kept out of the score.
     */
    public static final String DEFAULT = "case,markup";

    private final List<NormalizationStep> steps;

    public Normalizer(List<NormalizationStep> steps) {
        this.steps = List.copyOf(steps);
    }

    /** No step at all: only whitespace tokenization (case-sensitive). */
    public static Normalizer none() {
        return new Normalizer(List.of());
    }

    /** What sclite does by default: case-insensitive comparison, nothing else. */
    public static Normalizer scliteDefault() {
        return new Normalizer(List.of(Steps.caseFold()));
    }

    /**
     * Builds a chain from a comma-separated list of step names ({@code case, markup, punctuation,
     * contractions, nonspeech}; {@code none} for none) and an optional word-map file applied last.
     * {@code markup} and {@code nonspeech} always run first, whatever their place in the list: after
     * {@code punctuation}, {@code <unk>} would already be the word {@code unk} and be scored; {@code numbers}
     * (English numbers as digits) runs next, before {@code punctuation} could strip a {@code $}.
     */
    public static Normalizer parse(String spec, Path wordMap) {
        return Recipe.of(spec, wordMap).build();
    }

    /**
     * What builds a chain, in a form that travels (to Spark's executors, which cannot read the driver's files):
     * the step list and the word map's lines, read once where the file is. {@link #build()} gives the chain
     * {@link #parse} gives; a bad step or rule is a user error from {@link #of}, before anything travels.
     */
    public record Recipe(String steps, List<String> wordMapLines, String wordMapSource, String wordMapName)
            implements java.io.Serializable {
        public Recipe {
            wordMapLines = wordMapLines == null ? null : List.copyOf(wordMapLines);
        }

        public static Recipe of(String steps, Path wordMap) {
            Recipe r = wordMap == null ? new Recipe(steps, null, null, null)
                    : new Recipe(steps, WordMap.readLines(wordMap), wordMap.toString(), String.valueOf(wordMap.getFileName()));
            r.build();
            return r;
        }

        public Normalizer build() {
            List<NormalizationStep> steps = new ArrayList<>(stepsOf(this.steps));
            if (wordMapLines != null) {
                steps.add(WordMap.parse(wordMapLines, wordMapSource, wordMapName));
            }
            return new Normalizer(steps);
        }
    }

    private static List<NormalizationStep> stepsOf(String spec) {
        List<NormalizationStep> steps = new ArrayList<>();
        String trimmed = spec == null ? "" : spec.strip();
        if (!trimmed.isEmpty() && !trimmed.equalsIgnoreCase("none")) {
            List<NormalizationStep> first = new ArrayList<>();
            NormalizationStep numbers = null;
            for (String raw : trimmed.split(",")) {
                String name = raw.strip().toLowerCase(Locale.ROOT);
                if (name.equals("markup") || name.equals("nonspeech")) {
                    first.add(name.equals("markup") ? Steps.markup() : Steps.nonSpeech());
                    continue;
                }
                if (name.equals("numbers")) {
                    numbers = new EnglishNumbers();
                    continue;
                }
                steps.add(switch (name) {
                    case "case" -> Steps.caseFold();
                    case "punctuation" -> Steps.punctuation();
                    case "contractions" -> Steps.contractions();
                    case "nonspeech" -> Steps.nonSpeech();
                    default -> throw new UserInputException("unknown normalization step '" + raw.strip()
                            + "': expected a comma-separated list of " + STEP_NAMES + " or 'none'");
                });
            }
            if (numbers != null) {
                first.add(numbers);
            }
            steps.addAll(0, first);
        }
        return steps;
    }

    public List<String> tokens(String text) {
        List<String> tokens = split(text);
        for (NormalizationStep step : steps) {
            tokens = step.apply(tokens);
        }
        return tokens;
    }

    /** Splits on runs of Unicode whitespace; hand-written because it sits on the bulk-scoring hot path. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>(24);
        int n = text.length();
        int start = -1;
        for (int k = 0; k < n; k++) {
            char c = text.charAt(k);
            boolean space = c == ' ' || c == '\t' || Character.isWhitespace(c) || Character.isSpaceChar(c);
            if (space) {
                if (start >= 0) {
                    out.add(text.substring(start, k));
                    start = -1;
                }
            } else if (start < 0) {
                start = k;
            }
        }
        if (start >= 0) {
            out.add(start == 0 ? text : text.substring(start));
        }
        return out;
    }

    /**
     * Whether the chain is at most a case fold (sclite's default or nothing): then bulk scoring may
     * tokenize, fold and look words up in one allocation-free pass over ASCII text.
     */
    public boolean isCaseFoldAtMost() {
        return steps.isEmpty() || (steps.size() == 1 && steps.get(0).describe().equals("case")
                && steps.get(0).getClass().getEnclosingClass() == Steps.class);
    }

    /** Whether the chain is {@code markup} then {@code case} (the default): the fast path folds case and drops markup tokens. */
    public boolean isDefaultChain() {
        return steps.size() == 2 && steps.get(0).describe().equals("markup") && steps.get(1).describe().equals("case")
                && steps.get(0).getClass().getEnclosingClass() == Steps.class && steps.get(1).getClass().getEnclosingClass() == Steps.class;
    }

    /** Whether the chain folds case (so the fast path must fold too). */
    public boolean foldsCase() {
        return !steps.isEmpty();
    }

    public List<NormalizationStep> steps() {
        return steps;
    }

    /** The chain as text for reports, e.g. {@code whitespace > case > punctuation}. */
    public String describe() {
        StringBuilder sb = new StringBuilder("whitespace");
        for (NormalizationStep step : steps) {
            sb.append(" > ").append(step.describe());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}

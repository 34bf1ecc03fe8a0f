package org.fairhunt.speech.score;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.fairhunt.core.concurrent.Workers;
import org.fairhunt.speech.normalize.Normalizer;

/**
 * Scores many utterance pairs on several threads (one {@link UtteranceScorer} per thread, contiguous
 * chunks, results in input order so the output does not depend on the thread count).
 */
public final class CorpusScorer {

    /** One utterance to score. */
    public record Input(String id, String speaker, Map<String, String> attributes, String reference, String hypothesis) {
    }

    private final Normalizer normalizer;
    private final int threads;

    public CorpusScorer(Normalizer normalizer, int threads) {
        this.normalizer = normalizer;
        this.threads = Math.max(1, threads);
    }

    public List<ScoredUtterance> score(List<Input> inputs) {
        int n = inputs.size();
        ScoredUtterance[] out = new ScoredUtterance[n];
        int chunks = Math.min(threads, Math.max(1, n / 256));
        if (chunks == 1) {
            scoreRange(inputs, 0, n, out);
            return List.of(out);
        }
        try (Workers workers = new Workers(chunks, "wer-scorer")) {
            workers.forRanges(n, chunks, "scoring", (from, to) -> scoreRange(inputs, from, to, out));
        }
        return List.of(out);
    }

    private void scoreRange(List<Input> inputs, int from, int to, ScoredUtterance[] out) {
        UtteranceScorer scorer = new UtteranceScorer(normalizer);
        for (int k = from; k < to; k++) {
            Input in = inputs.get(k);
            out[k] = new ScoredUtterance(in.id(), in.speaker(), in.attributes(), in.reference(), in.hypothesis(),
                    scorer.score(in.reference(), in.hypothesis()));
        }
    }

    /** Totals per value of {@code key} (in first-seen order) plus nothing else; see {@link #overall}. */
    public static Map<String, WerTotals> totalsBy(List<ScoredUtterance> scored, Function<ScoredUtterance, String> key) {
        Map<String, WerTotals> out = new LinkedHashMap<>();
        for (ScoredUtterance s : scored) {
            out.computeIfAbsent(key.apply(s), k -> new WerTotals()).add(s.score());
        }
        return out;
    }

    public static WerTotals overall(List<ScoredUtterance> scored) {
        WerTotals t = new WerTotals();
        for (ScoredUtterance s : scored) {
            t.add(s.score());
        }
        return t;
    }
}

package org.fairhunt.speech.format;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.fairhunt.speech.align.Alignment;
import org.fairhunt.speech.align.EditOp;
import org.fairhunt.speech.score.ScoredUtterance;

/**
 * A readable alignment listing in the layout of sclite's {@code pralign}: for each utterance its id,
 * {@code Scores: (#C #S #D #I)}, the raw texts, then the normalized REF and HYP in aligned columns with
 * errors upper-cased, {@code ***} for the missing side of an insertion or deletion, and an Eval line of
 * S/D/I marks.
 */
public final class AlignmentListing {

    private AlignmentListing() {
    }

    /** The {@code limit} utterances with the most word errors (ties: higher WER, then id). */
    public static List<ScoredUtterance> worst(List<ScoredUtterance> utterances, int limit) {
        List<ScoredUtterance> sorted = new ArrayList<>(utterances);
        sorted.sort(Comparator.<ScoredUtterance>comparingInt(u -> -u.score().wordErrors())
                .thenComparingDouble(u -> -rate(u))
                .thenComparing(ScoredUtterance::id));
        return sorted.subList(0, Math.min(limit, sorted.size()));
    }

    private static double rate(ScoredUtterance u) {
        int n = u.score().referenceWords();
        return n == 0 ? u.score().wordErrors() : (double) u.score().wordErrors() / n;
    }

    public static String render(ScoredUtterance u) {
        Alignment a = u.score().alignment();
        StringBuilder ref = new StringBuilder("REF:  ");
        StringBuilder hyp = new StringBuilder("HYP:  ");
        StringBuilder eval = new StringBuilder("Eval: ");
        for (Alignment.Step step : a.steps()) {
            boolean error = step.op() != EditOp.CORRECT;
            String r = step.ref() == null ? stars(step.hyp()) : error ? step.ref().toUpperCase(Locale.ROOT) : step.ref();
            String h = step.hyp() == null ? stars(step.ref()) : error ? step.hyp().toUpperCase(Locale.ROOT) : step.hyp();
            int width = Math.max(r.length(), h.length());
            pad(ref.append(r), width - r.length());
            pad(hyp.append(h), width - h.length());
            pad(eval.append(step.op().mark()), width - 1);
            ref.append(' ');
            hyp.append(' ');
            eval.append(' ');
        }
        var c = u.score();
        return "id: (" + u.id() + ")\n"
                + "Scores: (#C #S #D #I) " + c.correct() + " " + c.substitutions() + " " + c.deletions() + " " + c.insertions() + "\n"
                + "raw REF: " + u.rawReference() + "\n"
                + "raw HYP: " + u.rawHypothesis() + "\n"
                + ref.toString().stripTrailing() + "\n"
                + hyp.toString().stripTrailing() + "\n"
                + eval.toString().stripTrailing() + "\n";
    }

    private static String stars(String other) {
        return "*".repeat(Math.max(3, other.length()));
    }

    private static void pad(StringBuilder sb, int n) {
        for (int k = 0; k < n; k++) {
            sb.append(' ');
        }
    }
}

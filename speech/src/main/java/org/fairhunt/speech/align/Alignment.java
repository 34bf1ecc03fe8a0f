package org.fairhunt.speech.align;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An immutable alignment of reference and hypothesis tokens: one {@link Step} per column of sclite's
 * {@code pralign} listing, in reading order. A deletion has no hypothesis token and an insertion no
 * reference token ({@code null}).
 */
public final class Alignment {

    /** One aligned column. */
    public record Step(EditOp op, String ref, String hyp) {
    }

    private final List<Step> steps;
    private final EditCounts counts;

    Alignment(List<Step> steps) {
        this.steps = Collections.unmodifiableList(new ArrayList<>(steps));
        long c = 0, s = 0, d = 0, i = 0;
        for (Step step : steps) {
            switch (step.op()) {
                case CORRECT -> c++;
                case SUBSTITUTION -> s++;
                case DELETION -> d++;
                case INSERTION -> i++;
            }
        }
        this.counts = new EditCounts(c, s, d, i);
    }

    public List<Step> steps() {
        return steps;
    }

    public EditCounts counts() {
        return counts;
    }
}

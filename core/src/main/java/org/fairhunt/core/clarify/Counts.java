package org.fairhunt.core.clarify;

import static org.fairhunt.core.clarify.ClarifyStatistic.MISSING;
import static org.fairhunt.core.clarify.ClarifyStatistic.NEGATIVE;
import static org.fairhunt.core.clarify.ClarifyStatistic.POSITIVE;

/**
 * The (weighted) cell counts of one side of a comparison — a facet or the rest — as laid out by
 * {@link ClarifyStatistic}: per conditional group level, label state × prediction state.
 */
final class Counts {
    private final double[] cells;
    private final int groups;

    Counts(double[] cells, int groups) {
        this.cells = cells;
        this.groups = groups;
    }

    /** {@code whole − part}, cell by cell: the rest of the data once a facet is taken out. */
    static Counts rest(Counts whole, Counts part) {
        double[] c = new double[whole.cells.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = whole.cells[i] - part.cells[i];
        }
        return new Counts(c, whole.groups);
    }

    int groups() {
        return groups;
    }

    double cell(int group, int labelState, int predictionState) {
        return cells[ClarifyStatistic.slot(group, labelState, predictionState)];
    }

    /** Rows, whatever their label and prediction (CI counts facet sizes). */
    double rows() {
        double s = 0;
        for (double v : cells) {
            s += v;
        }
        return s;
    }

    /** Rows of {@code group} whose label is {@code labelState}, any prediction. */
    double label(int group, int labelState) {
        return cell(group, labelState, POSITIVE) + cell(group, labelState, NEGATIVE) + cell(group, labelState, MISSING);
    }

    double label(int labelState) {
        double s = 0;
        for (int g = 0; g < groups; g++) {
            s += label(g, labelState);
        }
        return s;
    }

    /** Rows with both a label and a prediction, in cell {@code (labelState, predictionState)}, all groups. */
    double both(int labelState, int predictionState) {
        double s = 0;
        for (int g = 0; g < groups; g++) {
            s += cell(g, labelState, predictionState);
        }
        return s;
    }

    double tp() {
        return both(POSITIVE, POSITIVE);
    }

    double fn() {
        return both(POSITIVE, NEGATIVE);
    }

    double fp() {
        return both(NEGATIVE, POSITIVE);
    }

    double tn() {
        return both(NEGATIVE, NEGATIVE);
    }

    /** Rows with both a label and a prediction. */
    double labelled() {
        return tp() + fn() + fp() + tn();
    }

    /** Rows of {@code group} with both a label and a prediction, whose prediction is {@code predictionState}. */
    double predicted(int group, int predictionState) {
        return cell(group, POSITIVE, predictionState) + cell(group, NEGATIVE, predictionState);
    }
}

package org.fairhunt.lastmile.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.stats.Proportions;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;
import org.fairhunt.lastmile.card.Card;
import org.fairhunt.lastmile.compare.LastMileResult.LabelFree;

/**
 * Per-group accuracy without labels, from the model's scores (confidence-based performance estimation,
 * as NannyML's CBPE): if scores are calibrated, a row predicted positive is right with probability
 * {@code s} and a row predicted negative with {@code 1 − s}, so the expected accuracy is the mean of
 * those. This is only as good as the calibration, so it is allowed only when the card certifies it per
 * group: a claim {@code value(ece) <= B} that passed on the provider's data. The interval adds that
 * bound B to both sides of the sampling interval (the calibration error may shift every row the same
 * way), and "rows to label" is the sample that would confirm the estimate to within ±B (Wald, at the
 * estimate).
 */
public final class LabelFreeEstimate {
    private static final Pattern ECE_CLAIM = Pattern.compile("\\s*value\\s*\\(\\s*ece\\s*\\)\\s*(<=|<)\\s*([0-9.eE+-]+).*");

    private LabelFreeEstimate() {
    }

    /** The certified calibration bound B of the card, or a user error saying why label-free estimation is not allowed. */
    public static double certifiedBound(Card card) {
        double best = Double.NaN;
        for (var c : card.json().path("claims")) {
            Matcher m = ECE_CLAIM.matcher(c.path("constraint").asText());
            if (m.matches() && "pass".equals(c.path("outcome").asText())) {
                double b = Double.parseDouble(m.group(2));
                best = Double.isNaN(best) ? b : Math.min(best, b);
            }
        }
        if (Double.isNaN(best)) {
            throw new UserInputException("without labels, accuracy can only be estimated from calibrated scores, and this card does"
                    + " not certify per-group calibration (no claim 'value(ece) <= B' that passed on the provider's data);"
                    + " label a sample and give --label");
        }
        return best;
    }

    /**
     * Per value of each group attribute (and overall): the estimated accuracy with its interval, the card's
     * accuracy for the same slice if it has one, and the rows to label.
     *
     * @param prediction the prediction column, or {@code null} to predict positive at score ≥ 0.5
     * @param positive   the prediction value counted positive ({@code null}: 1/true/yes)
     */
    public static List<LabelFree> estimate(Card card, Table table, String score, String prediction, String positive,
            List<String> groups, double level) {
        double bound = certifiedBound(card);
        if (!table.hasColumn(score)) {
            throw new UserInputException(table.source() + ": no score column '" + score + "'; columns are " + table.columnNames());
        }
        NumericColumn s = table.numeric(score);
        Column p = null;
        if (prediction != null) {
            if (!table.hasColumn(prediction)) {
                throw new UserInputException(table.source() + ": no prediction column '" + prediction + "'; columns are "
                        + table.columnNames());
            }
            p = table.column(prediction);
        }
        double[] correct = new double[table.rowCount()];
        for (int row = 0; row < correct.length; row++) {
            double v = s.value(row);
            if (!(v >= 0 && v <= 1)) {
                throw new UserInputException(table.source() + ": row " + (row + 2) + ", column '" + score + "': a score must be a"
                        + " probability in [0, 1] for label-free estimation, found " + s.text(row));
            }
            boolean predictedPositive = p == null ? v >= 0.5 : isPositive(p.text(row), positive);
            correct[row] = predictedPositive ? v : 1 - v;
        }
        Map<Map<String, String>, List<Integer>> slices = new LinkedHashMap<>();
        List<Integer> all = new ArrayList<>();
        for (int row = 0; row < correct.length; row++) {
            all.add(row);
        }
        slices.put(Map.of(), all);
        for (String g : groups) {
            if (!table.hasColumn(g)) {
                throw new UserInputException(table.source() + ": no group column '" + g + "'; columns are " + table.columnNames());
            }
            Column c = table.column(g);
            for (int row = 0; row < correct.length; row++) {
                String v = c.text(row);
                slices.computeIfAbsent(Map.of(g, v == null ? "(missing)" : v), k -> new ArrayList<>()).add(row);
            }
        }
        double z = Proportions.normalQuantile(1 - (1 - level) / 2);
        List<LabelFree> out = new ArrayList<>();
        for (var e : slices.entrySet()) {
            List<Integer> rows = e.getValue();
            double sum = 0;
            double var = 0;
            for (int row : rows) {
                sum += correct[row];
                var += correct[row] * (1 - correct[row]);
            }
            int n = rows.size();
            double acc = sum / n;
            double half = z * Math.sqrt(var) / n + bound;
            Card.Estimate k = card.estimate(e.getKey(), "accuracy");
            long toLabel = (long) Math.ceil(z * z * Math.max(acc * (1 - acc), 0.01) / (bound * bound));
            out.add(new LabelFree(e.getKey(), n, acc, Math.max(0, acc - half), Math.min(1, acc + half),
                    k == null ? null : k.value(), toLabel, String.format(Locale.ROOT,
                            "mean of s (predicted positive) or 1 - s (negative); interval: sampling %s%% plus the card's"
                                    + " certified calibration bound %s", Math.round(level * 100), bound)));
        }
        return out;
    }

    private static boolean isPositive(String value, String positive) {
        if (value == null) {
            return false;
        }
        if (positive != null) {
            return value.equals(positive);
        }
        return value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes");
    }
}

package org.fairhunt.bounty.program;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fairhunt.bounty.group.CelLimits;
import org.fairhunt.bounty.pdl.AcceptanceRule;
import org.fairhunt.bounty.pdl.Loss;
import org.fairhunt.bounty.pdl.Thresholdout;
import org.fairhunt.core.UserInputException;

/**
 * Rules of a program.
 *
 * @param label           the label column
 * @param loss            per-row loss
 * @param alpha           minimum accepted gain μ̂(g)·(L̂(f,g) − L̂(h,g)) on the holdout; NaN before a program
 *                        is created means "the floor {@code alphaFloorRows}/|holdout|"
 * @param minGroupSize    minimum number of holdout rows in a submitted group
 * @param budget          submissions each team may make (decided ones, accepted or not)
 * @param reportStep      submitters learn the gain rounded down to a multiple of this (Ladder-style);
 *                        0 reports accept/reject only
 * @param maxModelBytes   largest ONNX file accepted
 * @param modelTimeoutMs  longest one ONNX Runtime call may take
 * @param celLimits       bounds on CEL groups
 * @param significance    largest p-value of the paired test (h better than f on g's holdout rows) that
 *                        is accepted; 1 turns the test off
 * @param alphaFloorRows  k in the floor α ≥ k/|holdout|: an accept needs at least k rows' worth of gain,
 *                        so no single row's label can decide a verdict
 * @param minGroupDifference a group whose holdout rows differ in fewer than this many rows from a group
 *                        already submitted against the same model version is refused without an answer
 * @param thresholdout    the reusable holdout (Thresholdout) governing what is revealed and accepted; null: off
 */
public record ProgramSettings(String label, Loss loss, double alpha, int minGroupSize, int budget, double reportStep,
        long maxModelBytes, long modelTimeoutMs, CelLimits celLimits, double significance, int alphaFloorRows,
        int minGroupDifference, Thresholdout.Settings thresholdout) {

    /** Default of {@link #significance}. */
    public static final double DEFAULT_SIGNIFICANCE = 0.05;
    /** Default of {@link #alphaFloorRows}. */
    public static final int DEFAULT_ALPHA_FLOOR_ROWS = 5;
    /** Default of {@link #minGroupDifference}. */
    public static final int DEFAULT_MIN_GROUP_DIFFERENCE = 10;

    public ProgramSettings {
        if (!Double.isNaN(alpha) && (!(alpha > 0) || alpha >= 1e9)) {
            throw new UserInputException("--alpha must be a positive number, got " + alpha);
        }
        if (minGroupSize < 1) {
            throw new UserInputException("--min-group-size must be at least 1, got " + minGroupSize);
        }
        if (budget < 1) {
            throw new UserInputException("--budget must be at least 1, got " + budget);
        }
        if (!(reportStep >= 0)) {
            throw new UserInputException("--report-step must be 0 or positive, got " + reportStep);
        }
        if (!(significance > 0 && significance <= 1)) {
            throw new UserInputException("--significance must be in (0, 1], got " + significance);
        }
        if (alphaFloorRows < 0) {
            throw new UserInputException("--alpha-floor-rows must be 0 (no floor) or more, got " + alphaFloorRows);
        }
        if (minGroupDifference < 0) {
            throw new UserInputException("--min-group-difference must be 0 or more, got " + minGroupDifference);
        }
    }

    /** Settings without Thresholdout. */
    public ProgramSettings(String label, Loss loss, double alpha, int minGroupSize, int budget, double reportStep, long maxModelBytes,
            long modelTimeoutMs, CelLimits celLimits, double significance, int alphaFloorRows, int minGroupDifference) {
        this(label, loss, alpha, minGroupSize, budget, reportStep, maxModelBytes, modelTimeoutMs, celLimits, significance, alphaFloorRows,
                minGroupDifference, null);
    }

    public ProgramSettings withThresholdout(Thresholdout.Settings t) {
        return new ProgramSettings(label, loss, alpha, minGroupSize, budget, reportStep, maxModelBytes, modelTimeoutMs, celLimits,
                significance, alphaFloorRows, minGroupDifference, t);
    }

    /** The rules a decision applies. */
    public AcceptanceRule rule() {
        return new AcceptanceRule(loss, alpha, minGroupSize, significance);
    }

    /**
     * These settings with α resolved for a holdout of {@code holdoutRows} rows: an unset α becomes the
     * floor k/|holdout|; an α below the floor is refused: with a smaller α the gain of a single row (1/|holdout| for zero-one
     * loss) could decide a verdict, which makes accept/reject an oracle for that row's label.
     */
    public ProgramSettings resolveAlpha(int holdoutRows) {
        double floor = (double) alphaFloorRows / holdoutRows;
        if (Double.isNaN(alpha)) {
            return withAlpha(alphaFloorRows > 0 ? floor : 0.001);
        }
        if (alpha < floor) {
            throw new UserInputException(String.format(java.util.Locale.ROOT, "--alpha %s is below the floor %d/%d = %.6g holdout rows' "
                    + "worth of gain (--alpha-floor-rows %d): below it one row's label could decide a verdict; raise --alpha",
                    alpha, alphaFloorRows, holdoutRows, floor, alphaFloorRows));
        }
        return this;
    }

    public static ProgramSettings defaults(String label, Loss loss) {
        return new ProgramSettings(label, loss, Double.NaN, 30, 20, 0.001, 16L << 20, 10_000, CelLimits.defaults(), DEFAULT_SIGNIFICANCE,
                DEFAULT_ALPHA_FLOOR_ROWS, DEFAULT_MIN_GROUP_DIFFERENCE);
    }

    public ProgramSettings withAlpha(double a) {
        return new ProgramSettings(label, loss, a, minGroupSize, budget, reportStep, maxModelBytes, modelTimeoutMs, celLimits, significance, alphaFloorRows,
                minGroupDifference, thresholdout);
    }

    public ProgramSettings withMinGroupSize(int m) {
        return new ProgramSettings(label, loss, alpha, m, budget, reportStep, maxModelBytes, modelTimeoutMs, celLimits, significance, alphaFloorRows,
                minGroupDifference, thresholdout);
    }

    public ProgramSettings withSignificance(double p) {
        return new ProgramSettings(label, loss, alpha, minGroupSize, budget, reportStep, maxModelBytes, modelTimeoutMs, celLimits, p,
                alphaFloorRows, minGroupDifference, thresholdout);
    }

    public ProgramSettings withAlphaFloorRows(int k) {
        return new ProgramSettings(label, loss, alpha, minGroupSize, budget, reportStep, maxModelBytes, modelTimeoutMs, celLimits,
                significance, k, minGroupDifference, thresholdout);
    }

    public ProgramSettings withMinGroupDifference(int k) {
        return new ProgramSettings(label, loss, alpha, minGroupSize, budget, reportStep, maxModelBytes, modelTimeoutMs, celLimits,
                significance, alphaFloorRows, k, thresholdout);
    }

    public ProgramSettings withBudget(int b) {
        return new ProgramSettings(label, loss, alpha, minGroupSize, b, reportStep, maxModelBytes, modelTimeoutMs, celLimits, significance, alphaFloorRows,
                minGroupDifference, thresholdout);
    }

    public ProgramSettings withReportStep(double s) {
        return new ProgramSettings(label, loss, alpha, minGroupSize, budget, s, maxModelBytes, modelTimeoutMs, celLimits, significance, alphaFloorRows,
                minGroupDifference, thresholdout);
    }

    /** The gain as told to submitters: rounded down to a multiple of {@link #reportStep}, never below 0. */
    public double reported(double gain) {
        if (reportStep == 0 || !(gain > 0)) {
            return 0;
        }
        return Math.floor(gain / reportStep + 1e-9) * reportStep;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", label);
        m.put("loss", loss.cliName());
        m.put("alpha", alpha);
        m.put("minGroupSize", minGroupSize);
        m.put("budget", budget);
        m.put("reportStep", reportStep);
        m.put("maxModelBytes", maxModelBytes);
        m.put("modelTimeoutMs", modelTimeoutMs);
        m.put("celMaxChars", celLimits.maxChars());
        m.put("celMaxCost", celLimits.maxCost());
        m.put("significance", significance);
        m.put("alphaFloorRows", alphaFloorRows);
        m.put("minGroupDifference", minGroupDifference);
        if (thresholdout != null) {
            m.put("thresholdout", Map.of("threshold", thresholdout.threshold(), "sigma", thresholdout.sigma(), "budget",
                    thresholdout.budget()));
        }
        return m;
    }

    public static ProgramSettings fromMap(Map<String, Object> m) {
        return new ProgramSettings((String) m.get("label"), Loss.parse((String) m.get("loss")), num(m, "alpha"),
                (int) num(m, "minGroupSize"), (int) num(m, "budget"), num(m, "reportStep"), (long) num(m, "maxModelBytes"),
                (long) num(m, "modelTimeoutMs"), new CelLimits((int) num(m, "celMaxChars"), (int) num(m, "celMaxCost")),
                num(m, "significance"), (int) num(m, "alphaFloorRows"), (int) num(m, "minGroupDifference"), thresholdout(m));
    }

    @SuppressWarnings("unchecked")
    private static Thresholdout.Settings thresholdout(Map<String, Object> m) {
        Map<String, Object> t = (Map<String, Object>) m.get("thresholdout");
        return t == null ? null : new Thresholdout.Settings(num(t, "threshold"), num(t, "sigma"), (int) num(t, "budget"));
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }
}

package org.fairhunt.bounty.program;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fairhunt.bounty.group.CelLimits;
import org.fairhunt.bounty.pdl.Loss;
import org.fairhunt.core.UserInputException;

/**
 * Rules of a program.
 *
 * @param label           the label column
 * @param loss            per-row loss
 * @param alpha           minimum accepted gain μ̂(g)·(L̂(f,g) − L̂(h,g)) on the holdout
 * @param minGroupSize    minimum number of holdout rows in a submitted group
 * @param budget          submissions each team may make (decided ones, accepted or not)
 * @param reportStep      submitters learn the gain rounded down to a multiple of this (Ladder-style);
 *                        0 reports accept/reject only
 * @param maxModelBytes   largest ONNX file accepted
 * @param modelTimeoutMs  longest one ONNX Runtime call may take
 * @param celLimits       bounds on CEL groups
 */
public record ProgramSettings(String label, Loss loss, double alpha, int minGroupSize, int budget, double reportStep,
        long maxModelBytes, long modelTimeoutMs, CelLimits celLimits) {

    public ProgramSettings {
        if (!(alpha > 0) || alpha >= 1e9) {
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
    }

    public static ProgramSettings defaults(String label, Loss loss) {
        return new ProgramSettings(label, loss, 0.001, 30, 20, 0.001, 16L << 20, 10_000, CelLimits.defaults());
    }

    public ProgramSettings withAlpha(double a) {
        return new ProgramSettings(label, loss, a, minGroupSize, budget, reportStep, maxModelBytes, modelTimeoutMs, celLimits);
    }

    public ProgramSettings withMinGroupSize(int m) {
        return new ProgramSettings(label, loss, alpha, m, budget, reportStep, maxModelBytes, modelTimeoutMs, celLimits);
    }

    public ProgramSettings withBudget(int b) {
        return new ProgramSettings(label, loss, alpha, minGroupSize, b, reportStep, maxModelBytes, modelTimeoutMs, celLimits);
    }

    public ProgramSettings withReportStep(double s) {
        return new ProgramSettings(label, loss, alpha, minGroupSize, budget, s, maxModelBytes, modelTimeoutMs, celLimits);
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
        return m;
    }

    public static ProgramSettings fromMap(Map<String, Object> m) {
        return new ProgramSettings((String) m.get("label"), Loss.parse((String) m.get("loss")), num(m, "alpha"),
                (int) num(m, "minGroupSize"), (int) num(m, "budget"), num(m, "reportStep"), (long) num(m, "maxModelBytes"),
                (long) num(m, "modelTimeoutMs"), new CelLimits((int) num(m, "celMaxChars"), (int) num(m, "celMaxCost")));
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }
}

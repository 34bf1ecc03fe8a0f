package org.fairhunt.core.engine;

/**
 * The sums AUC is computed from, per slice and replicate ({@code [slice * replicates + replicate]}): the
 * Mann–Whitney numerator (weight of positive–negative pairs ranked right, ties ½), and the weights of
 * positives and negatives. Every engine's rank pass (local, Spark) ends here, so they share one rule for
 * the value and for why it is undefined.
 */
public record AucSums(double[] numerator, double[] positives, double[] negatives, int slices, int replicates) {

    /** AUC per slice and replicate; {@code NaN} where {@link #reasons()} says why. */
    public double[][] values() {
        double[][] values = new double[slices][replicates];
        for (int sl = 0; sl < slices; sl++) {
            for (int r = 0; r < replicates; r++) {
                int o = sl * replicates + r;
                values[sl][r] = positives[o] <= 0 || negatives[o] <= 0 ? Double.NaN
                        : numerator[o] / (positives[o] * negatives[o]);
            }
        }
        return values;
    }

    /** Why AUC is undefined per slice and replicate, {@code null} where it is defined. */
    public String[][] reasons() {
        String[][] reasons = new String[slices][replicates];
        for (int sl = 0; sl < slices; sl++) {
            for (int r = 0; r < replicates; r++) {
                int o = sl * replicates + r;
                reasons[sl][r] = positives[o] <= 0 ? "no positives with a score"
                        : negatives[o] <= 0 ? "no negatives with a score" : null;
            }
        }
        return reasons;
    }
}

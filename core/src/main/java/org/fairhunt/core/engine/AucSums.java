package org.fairhunt.core.engine;

/**
 * The sums AUC is computed from, per slice and replicate ({@code [slice * replicates + replicate]}): the
 * Mann–Whitney numerator (weight of positive–negative pairs ranked right, ties ½), and the weights of
 * positives and negatives, as a distributed rank pass (Spark's) collects them; the value and the reasons it
 * is undefined follow the local {@link AucPass}.
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
                reasons[sl][r] = positives[o] <= 0 ? AucPass.NO_POSITIVES
                        : negatives[o] <= 0 ? AucPass.NO_NEGATIVES : null;
            }
        }
        return reasons;
    }
}

package org.fairhunt.bounty.pdl;

/**
 * The one place where a submission's verdict is computed, for the holdout ({@link PdlEngine#decide}) and
 * for the free check on public rows alike. A pair (g, h) passes when
 * <ol>
 *   <li>g has at least {@code minGroupSize} rows,</li>
 *   <li>the gain μ̂(g)·(L̂(f,g) − L̂(h,g)) is at least α, and</li>
 *   <li>h's improvement over f on g's rows is significant: the one-sided paired test
 *       ({@link PairedTest}) gives p ≤ {@code significance} (1 turns the test off).</li>
 * </ol>
 *
 * @param loss         per-row loss
 * @param alpha        minimum gain
 * @param minGroupSize minimum rows in the group
 * @param significance largest p-value accepted
 */
public record AcceptanceRule(Loss loss, double alpha, int minGroupSize, double significance) {

    public AcceptanceRule {
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("alpha must be positive, got " + alpha);
        }
        if (!(significance > 0 && significance <= 1)) {
            throw new IllegalArgumentException("significance must be in (0, 1], got " + significance);
        }
    }

    /** The numbers behind a verdict on one set of rows. */
    public record Verdict(boolean passed, String reason, int groupSize, double groupShare, double lossCurrent, double lossCandidate,
            double gain, double pValue) {
    }

    /**
     * Judges candidate predictions on {@code rows} (ascending indices into {@code labels} and
     * {@code current}; {@code candidateOnRows} has one value per row of {@code rows}) out of
     * {@code totalRows} rows.
     */
    public Verdict judge(double[] labels, double[] current, int[] rows, double[] candidateOnRows, int totalRows) {
        int n = rows.length;
        double[] lf = new double[n];
        double[] lh = new double[n];
        double sf = 0;
        double sh = 0;
        for (int k = 0; k < n; k++) {
            lf[k] = loss.of(labels[rows[k]], current[rows[k]]);
            lh[k] = loss.of(labels[rows[k]], candidateOnRows[k]);
            sf += lf[k];
            sh += lh[k];
        }
        double mf = n == 0 ? 0 : sf / n;
        double mh = n == 0 ? 0 : sh / n;
        double mu = (double) n / totalRows;
        double gain = mu * (mf - mh);
        if (n < minGroupSize) {
            // No count in the reason: an empty group and a small one read the same to a submitter.
            return new Verdict(false, "group has fewer rows than the program's minimum of " + minGroupSize, n, mu, mf, mh, gain, Double.NaN);
        }
        if (!(gain >= alpha)) {
            return new Verdict(false, "improvement below the program's threshold alpha = " + alpha, n, mu, mf, mh, gain, Double.NaN);
        }
        double p = significance >= 1 ? Double.NaN : PairedTest.pValue(loss, lf, lh);
        if (significance < 1 && !(p <= significance)) {
            return new Verdict(false, "improvement not statistically significant (paired test at level " + significance + ")", n, mu,
                    mf, mh, gain, p);
        }
        return new Verdict(true, "accepted", n, mu, mf, mh, gain, p);
    }
}

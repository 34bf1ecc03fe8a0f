package org.fairhunt.bounty.pdl;

import java.util.SplittableRandom;
import org.hipparchus.distribution.discrete.BinomialDistribution;

/**
 * One-sided paired tests of "the candidate h is no better than the current model f" on a group's rows,
 * from the per-row losses of both. The null hypothesis is that on each row the two losses are
 * exchangeable (the difference d = loss(f) − loss(h) is symmetric about 0); a small p-value says h's
 * lower loss is unlikely to be luck of the rows drawn, so a handful of rows can never flip a verdict.
 *
 * <ul>
 *   <li>Zero-one loss: the exact McNemar test. Only discordant rows count: b where f errs and h does
 *       not, c the reverse; p = P(Bin(b + c, ½) ≥ b).</li>
 *   <li>Squared and absolute loss: the sign-flip randomization test of Σd (Fisher's paired test):
 *       exact enumeration of every sign pattern when at most {@value #EXACT_MAX} rows have d ≠ 0, else
 *       {@value #FLIPS} random patterns from a seed derived from the data, p = (1 + #{T* ≥ T})/(B + 1),
 *       which is a valid p-value for any B (the observed pattern counts as one draw).</li>
 * </ul>
 */
public final class PairedTest {
    static final int EXACT_MAX = 20;
    static final int FLIPS = 999;

    private PairedTest() {
    }

    /** The one-sided p-value for "h better than f" from per-row losses of f and h on the same rows. */
    public static double pValue(Loss loss, double[] lossF, double[] lossH) {
        if (loss == Loss.ZERO_ONE) {
            int b = 0;
            int c = 0;
            for (int i = 0; i < lossF.length; i++) {
                if (lossF[i] > lossH[i]) {
                    b++;
                } else if (lossF[i] < lossH[i]) {
                    c++;
                }
            }
            return mcNemar(b, c);
        }
        return signFlip(lossF, lossH);
    }

    /** Exact one-sided McNemar p-value: P(X ≥ b) for X ~ Bin(b + c, ½); 1 when there is no discordant row. */
    public static double mcNemar(int b, int c) {
        int n = b + c;
        if (n == 0 || b == 0) {
            return 1;
        }
        return 1 - new BinomialDistribution(n, 0.5).cumulativeProbability(b - 1);
    }

    static double signFlip(double[] lossF, double[] lossH) {
        int m = 0;
        double[] d = new double[lossF.length];
        double t = 0;
        for (int i = 0; i < lossF.length; i++) {
            double di = lossF[i] - lossH[i];
            if (di != 0) {
                d[m++] = di;
                t += di;
            }
        }
        if (m == 0 || !(t > 0)) {
            return 1;
        }
        // Ties with the observed sum count as at least as extreme; a relative tolerance absorbs summation order.
        double tol = 1e-12 * sumAbs(d, m);
        if (m <= EXACT_MAX) {
            long count = 0;
            long patterns = 1L << m;
            for (long s = 0; s < patterns; s++) {
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    sum += ((s >>> i) & 1) == 0 ? d[i] : -d[i];
                }
                if (sum >= t - tol) {
                    count++;
                }
            }
            return (double) count / patterns;
        }
        SplittableRandom rng = new SplittableRandom(Double.doubleToLongBits(t) * 31 + m);
        int count = 0;
        for (int k = 0; k < FLIPS; k++) {
            double sum = 0;
            for (int i = 0; i < m; i += 64) {
                long bits = rng.nextLong();
                int end = Math.min(m, i + 64);
                for (int j = i; j < end; j++) {
                    sum += ((bits >>> (j - i)) & 1) == 0 ? d[j] : -d[j];
                }
            }
            if (sum >= t - tol) {
                count++;
            }
        }
        return (1.0 + count) / (FLIPS + 1);
    }

    private static double sumAbs(double[] d, int m) {
        double s = 0;
        for (int i = 0; i < m; i++) {
            s += Math.abs(d[i]);
        }
        return s;
    }
}

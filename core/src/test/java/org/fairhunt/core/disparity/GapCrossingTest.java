package org.fairhunt.core.disparity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fairhunt.core.stats.Interval;
import org.fairhunt.core.stats.IntervalMethod;
import org.fairhunt.core.stats.Proportions;
import org.fairhunt.core.testing.MustRun;
import org.junit.jupiter.api.Test;

/**
 * The slice-wise {@code max_gap}'s bisection leaves out slices that cannot hold the extreme interval ends any more; its
 * crossing must be, bit for bit, that of the plain bisection over every slice (the loop it replaced): Wilson slices of
 * small and large groups, proportions of 0 and 1, studentized slices on a large scale, exact ties (the same slice many
 * times), near-ties a hair apart, and families where one or two slices decide.
 */
@MustRun
class GapCrossingTest {
    private static Disparities.SliceModel wilson(double x, double n) {
        double p = x / n;
        return new Disparities.SliceModel(c -> Proportions.wilson(p, n, c, 0.95, IntervalMethod.WILSON), 0, IntervalMethod.WILSON,
                null);
    }

    private static Disparities.SliceModel studentized(double estimate, double se) {
        return new Disparities.SliceModel(c -> new Interval(estimate - c * se, estimate + c * se, 0.95,
                IntervalMethod.BOOTSTRAP_STUDENTIZED), 0, IntervalMethod.BOOTSTRAP_STUDENTIZED, null);
    }

    /** The bisection over every slice, as sliceWiseGap ran it before: NaN when the gap is not above 0 at 0 or is at 38. */
    private static double plain(List<Disparities.SliceModel> models) {
        if (!(lower(models, 0) > 0) || lower(models, 38) > 0) {
            return Double.NaN;
        }
        double a = 0;
        double b = 38;
        for (int i = 0; i < 60 && b - a > 1e-10; i++) {
            double mid = (a + b) / 2;
            if (lower(models, mid) > 0) {
                a = mid;
            } else {
                b = mid;
            }
        }
        return (a + b) / 2;
    }

    private static double lower(List<Disparities.SliceModel> models, double c) {
        double maxL = Double.NEGATIVE_INFINITY;
        double minU = Double.POSITIVE_INFINITY;
        for (Disparities.SliceModel m : models) {
            Interval ci = m.interval().apply(c);
            maxL = Math.max(maxL, ci.lo());
            minU = Math.min(minU, ci.hi());
        }
        return maxL - minU;
    }

    private static int check(List<Disparities.SliceModel> models) {
        double expected = plain(models);
        if (Double.isNaN(expected)) {
            return 0;
        }
        double got = Disparities.gapCrossing(models, Disparities.intervals(models, 0), Disparities.intervals(models, 38));
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(got), () -> expected + " vs " + got);
        return 1;
    }

    @Test
    void the_crossing_equals_the_plain_bisection_over_every_slice() {
        Random random = new Random(20261130);
        int compared = 0;
        for (int trial = 0; trial < 400; trial++) {
            int k = 41 + random.nextInt(trial < 40 ? 1000 : 200);
            List<Disparities.SliceModel> models = new ArrayList<>();
            int kind = trial % 4;
            for (int i = 0; i < k; i++) {
                if (kind == 0) { // Wilson, groups of 1 to 2,000 rows, rates anywhere (0 and 1 included)
                    double n = 1 + random.nextInt(random.nextBoolean() ? 20 : 2000);
                    models.add(wilson(random.nextInt((int) n + 1), n));
                } else if (kind == 1) { // Wilson with many exact ties and a few outliers
                    models.add(random.nextInt(10) == 0 ? wilson(random.nextInt(50), 50) : wilson(10, 100));
                } else if (kind == 2) { // studentized on a large scale, near-ties a hair apart
                    double base = 1e6 * (1 + random.nextInt(3));
                    models.add(studentized(base + random.nextInt(5) * 1e-7 * base, base * (0.001 + random.nextDouble() * 0.01)));
                } else { // studentized, mixed: one far slice decides
                    models.add(studentized(i == 0 ? 5 : random.nextGaussian(), 0.05 + random.nextDouble()));
                }
            }
            compared += check(models);
        }
        // two identical extreme pairs: the crossing is decided by ties at the top and at the bottom
        List<Disparities.SliceModel> ties = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ties.add(i % 2 == 0 ? wilson(90, 100) : wilson(10, 100));
        }
        compared += check(ties);
        assertTrue(compared > 200, "families with a crossing compared: " + compared);
    }
}

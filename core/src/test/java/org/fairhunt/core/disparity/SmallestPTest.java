package org.fairhunt.core.disparity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fairhunt.core.stats.Interval;
import org.fairhunt.core.stats.IntervalMethod;
import org.fairhunt.core.stats.Proportions;
import org.fairhunt.core.stats.TwoProportions;
import org.fairhunt.core.testing.MustRun;
import org.junit.jupiter.api.Test;

/**
 * {@code max_gap}'s smallest pairwise p-value passes over most pairs with one interval; it must be, bit for bit,
 * the minimum of every pair's own inverted p-value (the plain loop it replaced), whichever pair goes first:
 * Newcombe pairs of small and large groups, studentized pairs on t with mixed degrees of freedom, exact ties
 * (the same pair twice), near-ties a hair apart, a pair whose point interval holds 0 and one beyond 38.
 */
@MustRun
class SmallestPTest {
    private static Disparities.PairModel newcombe(double x1, double n1, double x2, double n2) {
        double p1 = x1 / n1;
        double p2 = x2 / n2;
        return new Disparities.PairModel((c, lv) -> TwoProportions.mover(p1, Proportions.wilson(p1, n1, c, lv, IntervalMethod.WILSON),
                p2, Proportions.wilson(p2, n2, c, lv, IntervalMethod.WILSON), IntervalMethod.NEWCOMBE), 0, IntervalMethod.NEWCOMBE,
                null);
    }

    private static Disparities.PairModel studentized(double estimate, double se, int df) {
        return new Disparities.PairModel((c, lv) -> new Interval(estimate - c * se, estimate + c * se, lv,
                IntervalMethod.BOOTSTRAP_STUDENTIZED), df, IntervalMethod.BOOTSTRAP_STUDENTIZED, null);
    }

    private static double everyPair(List<Disparities.PairModel> models) {
        double minP = 1;
        for (Disparities.PairModel m : models) {
            minP = Math.min(minP, m.pValue());
        }
        return minP;
    }

    private static void assertSameForEveryFirst(List<Disparities.PairModel> models) {
        double expected = everyPair(models);
        for (int first = 0; first < models.size(); first++) {
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(Disparities.smallestP(models, first)),
                    "first " + first + ": expected " + expected);
        }
    }

    @Test
    void random_newcombe_families_give_the_minimum_of_every_pair() {
        Random rnd = new Random(11);
        for (int family = 0; family < 200; family++) {
            int k = 2 + rnd.nextInt(9);
            double[] x = new double[k];
            double[] n = new double[k];
            for (int i = 0; i < k; i++) {
                n[i] = 1 + rnd.nextInt(family % 3 == 0 ? 12 : 400);
                x[i] = rnd.nextInt((int) n[i] + 1);
            }
            List<Disparities.PairModel> models = new ArrayList<>();
            for (int a = 0; a < k; a++) {
                for (int b = a + 1; b < k; b++) {
                    models.add(newcombe(x[a], n[a], x[b], n[b]));
                }
            }
            assertSameForEveryFirst(models);
        }
    }

    @Test
    void studentized_pairs_with_mixed_df_ties_and_near_ties_give_the_minimum_of_every_pair() {
        Random rnd = new Random(12);
        for (int family = 0; family < 200; family++) {
            List<Disparities.PairModel> models = new ArrayList<>();
            int k = 1 + rnd.nextInt(12);
            for (int i = 0; i < k; i++) {
                double se = 0.01 + rnd.nextDouble();
                double estimate = rnd.nextGaussian() * 3 * se;
                int df = rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(4);
                models.add(studentized(estimate, se, df));
                if (rnd.nextInt(4) == 0) {
                    models.add(studentized(estimate, se, df)); // an exact tie
                }
                if (rnd.nextInt(4) == 0) {
                    models.add(studentized(Math.nextUp(estimate), se, df)); // a near-tie
                    models.add(studentized(estimate * (1 + 1e-9), se, df));
                }
            }
            assertSameForEveryFirst(models);
        }
    }

    @Test
    void pairs_holding_zero_at_the_point_or_beyond_38_give_the_minimum_of_every_pair() {
        assertSameForEveryFirst(List.of(studentized(0, 1, 0), studentized(0.5, 1, 0)));
        assertSameForEveryFirst(List.of(studentized(0, 1, 0), studentized(0, 2, 3)));
        assertSameForEveryFirst(List.of(studentized(0.5, 1, 0), studentized(100, 1, 0), studentized(2, 1, 0),
                studentized(200, 1, 0)));
        assertSameForEveryFirst(List.of(newcombe(0, 50, 50, 50), newcombe(10, 50, 12, 50), newcombe(3, 3, 0, 3)));
        assertEquals(1.0, Disparities.smallestP(List.of(studentized(0, 1, 0)), 0));
    }
}

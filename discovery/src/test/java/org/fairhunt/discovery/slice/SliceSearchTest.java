package org.fairhunt.discovery.slice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SliceSearchTest {

    private static void assertSameTop(List<ScoredSlice> expected, List<ScoredSlice> actual) {
        assertTrue(!expected.isEmpty(), "the reference found no slice, so the comparison would prove nothing");
        assertEquals(expected.size(), actual.size(), () -> "expected " + expected + "\nactual " + actual);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).slice(), actual.get(i).slice(), "rank " + (i + 1));
            assertEquals(expected.get(i).score(), actual.get(i).score(), 1e-9, "rank " + (i + 1));
            assertEquals(expected.get(i).stats().rows(), actual.get(i).stats().rows());
            assertEquals(expected.get(i).stats().errors(), actual.get(i).stats().errors(), 1e-9);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void binary_errors_top_k_equals_brute_force(long seed) {
        SliceFeatures x = SyntheticData.randomFeatures(seed, 3000, new int[] {2, 3, 4, 3, 5});
        double[] e = SyntheticData.binaryErrors(seed, x, 0.1, 0.5, new int[] {1, 3}, new int[] {2, 0});
        RowErrors errors = RowErrors.of("test", e, null);
        for (double alpha : new double[] {0.95, 0.99, 0.8}) {
            SliceSearch.Params p = new SliceSearch.Params(3, 20, 10, alpha, 2);
            SliceSearchResult r = SliceSearch.run(x, errors, p);
            assertSameTop(BruteForce.top(x, errors, 3, 20, 10, alpha), r.top());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void weighted_errors_over_units_top_k_equals_brute_force(long seed) {
        SliceFeatures x = SyntheticData.randomFeatures(seed, 2000, new int[] {3, 4, 2, 3});
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] words = new double[x.rowCount()];
        double[] errs = new double[x.rowCount()];
        for (int i = 0; i < words.length; i++) {
            words[i] = 3 + rnd.nextInt(10);
            double rate = x.code(0, i) == 1 && x.code(2, i) == 0 ? 0.4 : 0.15;
            for (int w = 0; w < words[i]; w++) {
                errs[i] += rnd.nextDouble() < rate ? 1 : 0;
            }
            if (i % 97 == 0) {
                errs[i] = Double.NaN; // an utterance without a score is left out, as the search must
            }
        }
        RowErrors errors = RowErrors.of("test", errs, words);
        SliceSearchResult r = SliceSearch.run(x, errors, new SliceSearch.Params(3, 15, 8, 0.95, 2));
        assertSameTop(BruteForce.top(x, errors, 3, 15, 8, 0.95), r.top());
        assertTrue(r.notices().get(0).contains("21 rows left out"), r.notices().toString());
    }

    @Test
    void combinations_too_large_to_count_densely_are_counted_by_hash_with_the_same_result() {
        // 170³ = 4.9 M cells exceeds the dense limit at depth 3.
        SliceFeatures x = SyntheticData.randomFeatures(7, 1500, new int[] {170, 170, 170, 2});
        double[] e = SyntheticData.binaryErrors(7, x, 0.2, 0.9, new int[] {3}, new int[] {1});
        for (int i = 0; i < 40; i++) {
            // make one 3-way cell heavily populated and failing
            x.codesUnsafe(0)[i] = (byte) 169;
            x.codesUnsafe(1)[i] = (byte) 168;
            x.codesUnsafe(2)[i] = (byte) 167;
            e[i] = 1;
        }
        RowErrors errors = RowErrors.of("test", e, null);
        SliceSearchResult r = SliceSearch.run(x, errors, new SliceSearch.Params(3, 10, 5, 0.99, 2));
        assertSameTop(BruteForce.top(x, errors, 3, 10, 5, 0.99), r.top());
    }

    @Test
    void a_planted_three_way_slice_is_found_at_rank_one() {
        SliceFeatures x = SyntheticData.randomFeatures(42, 20000, new int[] {4, 4, 4, 4, 4, 4});
        int[] f = {1, 3, 4};
        int[] v = {2, 0, 3};
        double[] e = SyntheticData.binaryErrors(42, x, 0.05, 0.45, f, v);
        SliceSearchResult r = SliceSearch.run(x, RowErrors.of("test", e, null), SliceSearch.Params.of(3, 50, 10));
        Slice best = r.top().get(0).slice();
        assertEquals(3, best.depth(), best.describe(x));
        for (int j = 0; j < 3; j++) {
            assertEquals(f[j], best.feature(j));
            assertEquals(v[j], best.value(j));
        }
    }

    @Test
    void no_errors_at_all_finds_nothing_and_says_so() {
        SliceFeatures x = SyntheticData.randomFeatures(1, 500, new int[] {3, 3});
        SliceSearchResult r = SliceSearch.run(x, RowErrors.of("test", new double[500], null), SliceSearch.Params.of(2, 10, 5));
        assertTrue(r.top().isEmpty());
        assertTrue(r.notices().get(0).contains("no errors at all"), r.notices().toString());
    }

    @Test
    void upper_bound_is_never_below_the_score_of_any_sub_slice() {
        // Every slice's bound from its own statistics must cover its own score and all sub-slices'.
        SliceFeatures x = SyntheticData.randomFeatures(5, 1500, new int[] {3, 3, 3});
        SplittableRandom rnd = new SplittableRandom(9);
        double[] u = new double[1500];
        double[] e = new double[1500];
        for (int i = 0; i < u.length; i++) {
            u[i] = 1 + rnd.nextInt(8);
            e[i] = rnd.nextInt((int) u[i] + 1) * (x.code(0, i) == 0 ? 1 : 0.3);
        }
        RowErrors errors = RowErrors.of("t", e, u);
        SliceSearchResult r = SliceSearch.run(x, errors, new SliceSearch.Params(3, 5, 1000, 0.9, 1));
        SliceScore score = r.score();
        EvaluatedLevel one = r.levels().get(0);
        for (int i = 0; i < one.size(); i++) {
            SliceStats parent = one.stats(i);
            Slice ps = r.space().slice(one.key(i));
            double ub = score.upperBound(parent.rows(), parent.errors(), parent.maxRate(), parent.minUnits());
            for (EvaluatedLevel level : r.levels()) {
                for (int j = 0; j < level.size(); j++) {
                    Slice s = r.space().slice(level.key(j));
                    if ((s.equals(ps) || ps.isAncestorOf(s)) && level.inFamily(j)) {
                        assertTrue(score.score(level.stats(j)) <= ub + 1e-12, s + " under " + ps);
                    }
                }
            }
        }
    }

    @Test
    void results_do_not_depend_on_the_number_of_threads() {
        SliceFeatures x = SyntheticData.randomFeatures(21, 5000, new int[] {3, 4, 5, 2, 3, 4});
        double[] e = SyntheticData.binaryErrors(21, x, 0.1, 0.5, new int[] {0, 2}, new int[] {1, 3});
        RowErrors errors = RowErrors.of("t", e, null);
        SliceSearchResult one = SliceSearch.run(x, errors, new SliceSearch.Params(3, 20, 10, 0.95, 1));
        SliceSearchResult three = SliceSearch.run(x, errors, new SliceSearch.Params(3, 20, 10, 0.95, 3));
        assertSameTop(one.top(), three.top());
        assertEquals(one.familySize(), three.familySize());
        for (int l = 0; l < one.levels().size(); l++) {
            assertEquals(java.util.Arrays.toString(one.levels().get(l).familyPValues()),
                    java.util.Arrays.toString(three.levels().get(l).familyPValues()), "level " + (l + 1));
        }
    }
}

package org.fairhunt.discovery.slice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SliceFinderTest {

    @Test
    void with_no_planted_slice_nothing_survives_q_below_5_percent_in_at_least_95_of_100_seeded_runs() {
        int runsWithFalseFindings = 0;
        long familySizes = 0;
        for (long seed = 1; seed <= 100; seed++) {
            SliceFeatures x = SyntheticData.randomFeatures(seed, 4000, new int[] {3, 4, 3, 5, 2});
            double[] e = SyntheticData.binaryErrors(seed, x, 0.2, 0.2, new int[0], new int[0]);
            SliceReport r = SliceFinder.find(x, RowErrors.of("null", e, null),
                    SliceFinder.Options.of(new SliceSearch.Params(3, 30, 10, 0.95, 1)));
            familySizes += r.familySize();
            if (r.significantInFamily() > 0) {
                runsWithFalseFindings++;
            }
        }
        assertTrue(familySizes > 100 * 17, "every level-1 slice at least must be tested, got " + familySizes);
        assertTrue(runsWithFalseFindings <= 5, runsWithFalseFindings + " of 100 runs had a false finding");
    }

    @Test
    void a_planted_slice_is_rank_one_and_survives_multiple_testing() {
        SliceFeatures x = SyntheticData.randomFeatures(3, 20000, new int[] {4, 4, 4, 4, 4, 4});
        double[] e = SyntheticData.binaryErrors(3, x, 0.05, 0.45, new int[] {0, 2, 5}, new int[] {1, 1, 3});
        SliceReport r = SliceFinder.find(x, RowErrors.of("planted", e, null), SliceFinder.Options.of(SliceSearch.Params.of(3, 50, 10)));
        SliceFinding best = r.findings().get(0);
        assertEquals(List.of("f0 = v1", "f2 = v1", "f5 = v3"), best.predicates());
        assertTrue(best.qValue() < 1e-6, "q = " + best.qValue());
        assertTrue(best.interval().contains(0.45));
    }

    @Test
    void a_planted_slice_of_1_5_percent_at_3_7_times_the_error_is_rank_one_with_default_options_in_19_of_20_seeds() {
        // Issue 10's case: three conditions selecting 1/64 = 1.56% of 60,000 rows, error 0.30 there and 0.08 elsewhere.
        // SliceLine's score at α = 0.95 is below 0 for it, so it used to be hidden ("No slice found" in 16 of 20 seeds).
        int rankOne = 0;
        for (long seed = 1; seed <= 20; seed++) {
            SliceFeatures x = SyntheticData.randomFeatures(seed, 60_000, new int[] {4, 4, 4, 4, 4, 4});
            double[] e = SyntheticData.binaryErrors(seed, x, 0.08, 0.30, new int[] {1, 3, 4}, new int[] {2, 0, 3});
            SliceReport r = SliceFinder.find(x, RowErrors.of("planted", e, null),
                    SliceFinder.Options.of(new SliceSearch.Params(3, 50, 10, 0.95, 1)));
            assertTrue(!r.findings().isEmpty() || r.significantInFamily() == 0, "findings hidden although some q < 0.05");
            if (!r.findings().isEmpty() && r.findings().get(0).predicates().equals(List.of("f1 = v2", "f3 = v0", "f4 = v3"))) {
                rankOne++;
            }
        }
        System.out.println("planted slice at rank 1 with default options: " + rankOne + " of 20 seeds");
        assertTrue(rankOne >= 19, rankOne + " of 20");
    }

    @Test
    void with_sliceline_ranking_significant_slices_fill_the_list_instead_of_no_slice_found() {
        SliceFeatures x = SyntheticData.randomFeatures(4, 60_000, new int[] {4, 4, 4, 4, 4, 4});
        double[] e = SyntheticData.binaryErrors(4, x, 0.08, 0.30, new int[] {1, 3, 4}, new int[] {2, 0, 3});
        SliceReport r = SliceFinder.find(x, RowErrors.of("planted", e, null), new SliceFinder.Options(
                new SliceSearch.Params(3, 50, 10, 0.95, 1), 0.95, 0.05, SliceFinder.Ranking.SLICELINE));
        assertTrue(r.significantInFamily() > 0);
        assertTrue(r.findings().stream().anyMatch(f -> f.qValue() < 0.05), r.findings().toString());
    }

    @Test
    void a_child_no_worse_than_its_parent_is_collapsed_into_it() {
        // f0 = a: 100 rows, half errors, spread evenly over f1 = x / y; f0 = b: 300 rows, 16 errors.
        int n = 400;
        byte[] f0 = new byte[n];
        byte[] f1 = new byte[n];
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            f0[i] = (byte) (i < 100 ? 0 : 1);
            f1[i] = (byte) (i % 2);
            e[i] = i < 100 ? ((i / 2) % 2) : (i < 132 ? (i % 4 == 0 || i % 4 == 1 ? 1 : 0) : 0);
        }
        SliceFeatures x = new SliceFeatures(List.of("f0", "f1"), List.of(List.of("a", "b"), List.of("x", "y")),
                new byte[][] {f0, f1}, List.of());
        SliceReport r = SliceFinder.find(x, RowErrors.of("t", e, null),
                SliceFinder.Options.of(new SliceSearch.Params(2, 10, 5, 0.95, 1)));
        assertEquals("f0 = a", r.findings().get(0).description());
        assertEquals(0.5, r.findings().get(0).error(), 1e-12);
        assertEquals(new ArrayList<>(List.of("f0 = a AND f1 = x", "f0 = a AND f1 = y")),
                new ArrayList<>(r.findings().get(0).collapsed().stream().sorted().toList()));
        for (SliceFinding f : r.findings()) {
            assertTrue(!f.description().startsWith("f0 = a AND"), f.description());
        }
    }

    @Test
    void a_slice_with_the_same_rows_under_other_names_is_one_finding() {
        // voice determines accent and engine: voice = v0 selects the same rows as accent = a0 AND engine = e0.
        int n = 2000;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        byte[] voice = new byte[n];
        byte[] accent = new byte[n];
        byte[] engine = new byte[n];
        byte[] noise = new byte[n];
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            voice[i] = (byte) rnd.nextInt(4);
            accent[i] = (byte) (voice[i] == 0 || voice[i] == 1 ? 0 : 1);
            engine[i] = (byte) (voice[i] == 0 || voice[i] == 2 ? 0 : 1);
            noise[i] = (byte) rnd.nextInt(2);
            e[i] = rnd.nextDouble() < (voice[i] == 0 ? 0.6 : 0.1) ? 1 : 0;
        }
        SliceFeatures x = new SliceFeatures(List.of("voice", "accent", "engine", "noise"),
                List.of(List.of("v0", "v1", "v2", "v3"), List.of("a0", "a1"), List.of("e0", "e1"), List.of("quiet", "loud")),
                new byte[][] {voice, accent, engine, noise}, List.of());
        SliceReport r = SliceFinder.find(x, RowErrors.of("t", e, null), SliceFinder.Options.of(new SliceSearch.Params(2, 20, 5, 0.95, 1)));
        SliceFinding first = r.findings().get(0);
        assertEquals("voice = v0", first.description());
        assertTrue(first.collapsed().contains("accent = a0 AND engine = e0"), first.collapsed().toString());
        for (SliceFinding f : r.findings()) {
            assertTrue(!f.description().equals("accent = a0 AND engine = e0"), "listed twice");
        }
    }

    @Test
    void the_count_of_significant_slices_agrees_with_the_listing() {
        // Issue 11 §5: "4 with q < 0.05" while listing 2. The count now covers the slices the search evaluated and
        // says where each went; the listed ones are exactly the findings flagged significant.
        for (long seed = 1; seed <= 5; seed++) {
            SliceFeatures x = SyntheticData.randomFeatures(seed, 20000, new int[] {4, 4, 4, 4, 4, 4});
            double[] e = SyntheticData.binaryErrors(seed, x, 0.05, 0.45, new int[] {0, 2}, new int[] {1, 1});
            SliceReport r = SliceFinder.find(x, RowErrors.of("planted", e, null), SliceFinder.Options.of(SliceSearch.Params.of(3, 50, 3)));
            SliceReport.Significant where = r.significantListed();
            long flagged = r.findings().stream().filter(f -> f.qValue() < r.fdr()).count();
            assertEquals(flagged, where.listed(), "seed " + seed);
            assertEquals(r.significantInFamily(), where.listed() + where.collapsed() + where.notShown(), "seed " + seed);
            assertTrue(where.notShown() >= 0 && where.collapsed() >= 0);
            assertTrue(r.testingSummary().contains(r.significantInFamily() + " of the slices searched"), r.testingSummary());
        }
    }
}

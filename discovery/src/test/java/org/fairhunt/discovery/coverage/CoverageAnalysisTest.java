package org.fairhunt.discovery.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TableBuilder;
import org.fairhunt.discovery.slice.RowErrors;
import org.junit.jupiter.api.Test;

class CoverageAnalysisTest {

    /** accent × noise with cell counts 1500/500, 1000/490, 500/10; the first 400 rows are errors. */
    static Table speechLike() {
        TableBuilder b = new TableBuilder("data.csv", List.of("accent", "noise", "y", "p"));
        Object[][] cells = {{"a", "quiet", 1500}, {"a", "loud", 500}, {"b", "quiet", 1000}, {"b", "loud", 490}, {"c", "quiet", 500},
            {"c", "loud", 10}};
        int row = 0;
        for (Object[] c : cells) {
            for (int i = 0; i < (int) c[2]; i++, row++) {
                b.addRow(new String[] {(String) c[0], (String) c[1], "1", row < 400 ? "0" : "1"});
            }
        }
        return b.build();
    }

    static Table shares(String... rows) {
        String[] header = rows[0].split(",", -1);
        TableBuilder b = new TableBuilder("population.csv", List.of(header));
        for (int i = 1; i < rows.length; i++) {
            b.addRow(rows[i].split(",", -1));
        }
        return b.build();
    }

    @Test
    void counts_equal_a_direct_group_by_including_empty_combinations() {
        SplittableRandom rnd = new SplittableRandom(17);
        List<String> dims = List.of("d0", "d1", "d2", "d3");
        int[] k = {3, 4, 2, 5};
        TableBuilder b = new TableBuilder("random.csv", dims);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String[] r = new String[4];
            for (int j = 0; j < 4; j++) {
                r[j] = "v" + rnd.nextInt(k[j]);
            }
            rows.add(r);
            b.addRow(r);
        }
        Table t = b.build();
        for (int strength = 1; strength <= 3; strength++) {
            CoverageResult r = CoverageAnalysis.analyze(t, dims, CoverageAnalysis.Options.of(strength, 5), null, null);
            long cells = 0;
            for (CoverageResult.CombinationCounts c : r.combinations()) {
                Map<List<String>, Long> direct = new HashMap<>();
                int[] js = c.dimensions().stream().mapToInt(dims::indexOf).toArray();
                for (String[] row : rows) {
                    List<String> key = new ArrayList<>();
                    for (int j : js) {
                        key.add(row[j]);
                    }
                    direct.merge(key, 1L, Long::sum);
                }
                long product = 1;
                for (int j : js) {
                    product *= k[j];
                }
                assertEquals(product, c.counts().length, "every combination is a cell, empty or not");
                for (int cell = 0; cell < c.counts().length; cell++) {
                    assertEquals(direct.getOrDefault(c.values(cell), 0L), c.counts()[cell], c.dimensions() + " " + c.values(cell));
                }
                cells += product;
            }
            assertEquals(cells, r.totalCells());
        }
    }

    @Test
    void a_declared_value_without_rows_is_an_empty_cell() {
        CategoricalColumn accent = new CategoricalColumn("accent", new int[] {0, 0, 1, 1}, List.of("us", "scottish", "welsh"));
        CategoricalColumn noise = new CategoricalColumn("noise", new int[] {0, 1, 0, 1}, List.of("quiet", "loud"));
        Table t = new Table("declared.arff", List.of(accent, noise));
        CoverageResult r = CoverageAnalysis.analyze(t, List.of("accent", "noise"), CoverageAnalysis.Options.of(2, 1), null, null);
        assertEquals(6, r.totalCells());
        assertEquals(2, r.emptyCells());
        assertEquals(4, r.coveredCells());
        assertTrue(r.thinCells().stream().allMatch(c -> c.values().get(0).equals("welsh")));
    }

    @Test
    void distance_from_target_marginal_is_computed_as_by_hand() {
        Table target = shares("accent,share", "a,50", "b,30", "c,20");
        CoverageResult r = CoverageAnalysis.analyze(speechLike(), List.of("accent", "noise"), CoverageAnalysis.Options.of(2, 30),
                TargetShares.from(target, List.of("accent", "noise")), null);
        CoverageResult.TargetComparison c = r.targets().get(0);
        // data shares a .5, b .3725, c .1275 against .5/.3/.2
        assertEquals(0.0725, c.totalVariation(), 1e-12);
        assertEquals(0.02510383144088721, c.klTargetToData(), 1e-12);
        assertEquals(List.of("b"), c.overRepresented().get(0).values());
        assertEquals(List.of("c"), c.underRepresented().get(0).values());
        // the one thin cell (c, loud) expects 0.2 (target accent) × 0.25 (data noise: 1000/4000) of the population
        assertEquals(1, r.thinCellCount());
        assertEquals(0.2 * 0.25, r.thinCells().get(0).expectedShare(), 1e-12);
    }

    @Test
    void plan_matches_the_two_proportion_power_calculation() {
        Table t = speechLike();
        RowErrors errors = RowErrors.misclassification(t, "y", "p", null);
        CoverageResult r = CoverageAnalysis.analyze(t, List.of("accent", "noise"),
                new CoverageAnalysis.Options(2, 30, 4, 0.03, null, 0.05, 0.8), null, errors);
        // Baseline 400/4000 = 0.10, cell at 0.13 against the rest at 0.10 (scipy brentq on the power function):
        // against all 4000 rows n = 1100.29; against the 3990 rows outside the 10-row cell n = 1101.13.
        assertEquals(0.10, r.plan().baseline(), 1e-12);
        assertEquals(1101, r.plan().rowsPerCell(), 0);
        CoverageResult.CellReport cell = r.thinCells().get(0);
        assertEquals(List.of("c", "loud"), cell.values());
        assertEquals(1102, cell.rowsForGap(), 0);
        assertEquals(1092, cell.extraRowsForGap(), 0);
        assertEquals(0.0, cell.metric(), 0);
    }

    @Test
    void target_shares_that_lack_a_data_value_are_refused_naming_it() {
        Table target = shares("accent,share", "a,50", "b,30");
        UserInputException e = assertThrows(UserInputException.class, () -> CoverageAnalysis.analyze(speechLike(),
                List.of("accent", "noise"), CoverageAnalysis.Options.of(1, 30), TargetShares.from(target, List.of("accent", "noise")), null));
        assertTrue(e.getMessage().contains("values of accent that occur in the data: c"), e.getMessage());
    }

    @Test
    void target_shares_with_a_column_that_is_no_dimension_name_line_and_column() {
        Table target = shares("accent,region,share", "a,x,1");
        DataFormatException e = assertThrows(DataFormatException.class, () -> TargetShares.from(target, List.of("accent", "noise")));
        assertEquals(1, e.line());
        assertEquals(2, e.column());
        assertTrue(e.getMessage().contains("'region' is not one of the dimensions"), e.getMessage());
    }

    @Test
    void a_target_value_missing_from_the_data_becomes_an_empty_cell() {
        Table target = shares("accent,share", "a,40", "b,30", "c,20", "d,10");
        CoverageResult r = CoverageAnalysis.analyze(speechLike(), List.of("accent", "noise"), CoverageAnalysis.Options.of(1, 30),
                TargetShares.from(target, List.of("accent", "noise")), null);
        assertEquals(List.of("a", "b", "c", "d"), r.levels().get(0));
        assertEquals(1, r.emptyCells());
        assertTrue(Double.isInfinite(r.targets().get(0).klTargetToData()));
    }
}

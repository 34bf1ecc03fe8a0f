package org.fairhunt.report.discovery;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.fairhunt.core.json.ResultKind;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TableBuilder;
import org.fairhunt.core.testing.Golden;
import org.fairhunt.core.testing.SchemaAssert;
import org.fairhunt.discovery.coverage.CoverageAnalysis;
import org.fairhunt.discovery.coverage.CoverageResult;
import org.fairhunt.discovery.slice.RowErrors;
import org.fairhunt.discovery.slice.SliceFeatures;
import org.fairhunt.discovery.slice.SliceFinder;
import org.fairhunt.discovery.slice.SliceReport;
import org.fairhunt.discovery.slice.SliceSearch;
import org.junit.jupiter.api.Test;

/**
 * The slices and coverage results: JSON valid against the published {@code fairhunt.slices/v1} and
 * {@code fairhunt.coverage/v1} schemas and equal to golden files (a change that breaks readers of v1 fails
 * here; regenerate with {@code -Dfairhunt.golden.update=true} only for an intended, compatible change).
 */
class DiscoveryReportsTest {
    /** 3000 seeded rows, four features; errors at 10%, 60% where a = a1 and c = c2. */
    private static Table data() {
        SplittableRandom rnd = new SplittableRandom(11);
        TableBuilder b = new TableBuilder("golden.csv", List.of("a", "b", "c", "d", "y", "p"));
        for (int i = 0; i < 3000; i++) {
            int a = rnd.nextInt(3);
            int bb = rnd.nextInt(2);
            int c = rnd.nextInt(4);
            int d = rnd.nextInt(3);
            boolean wrong = rnd.nextDouble() < (a == 1 && c == 2 ? 0.6 : 0.1);
            int y = rnd.nextInt(2);
            b.addRow(new String[] {"a" + a, "b" + bb, "c" + c, "d" + d, Integer.toString(y), Integer.toString(wrong ? 1 - y : y)});
        }
        return b.build();
    }

    @Test
    void slices_json_is_valid_v1_and_matches_its_golden_file() {
        Table t = data();
        List<String> names = List.of("a", "b", "c", "d");
        SliceFeatures x = SliceFeatures.encode(t, names, 4, 100);
        SliceReport r = SliceFinder.find(x, RowErrors.misclassification(t, "y", "p", null),
                SliceFinder.Options.of(new SliceSearch.Params(3, 30, 5, 0.95, 1)));
        String json = SliceReportWriter.json(r);
        SchemaAssert.assertValid(ResultKind.SLICES, json);
        Golden.assertText("slices-v1.json", json);
        String md = SliceReportWriter.markdown(r);
        assertTrue(md.contains("a = a1") && md.contains("c = c2"), md);
        assertFalse(SliceReportWriter.html(r).contains("NaN"));
    }

    @Test
    void coverage_json_is_valid_v1_and_matches_its_golden_file() {
        Table t = data();
        CoverageResult r = CoverageAnalysis.analyze(t, List.of("a", "b", "c"),
                new CoverageAnalysis.Options(2, 400, 4, 0.05, null, 0.05, 0.8), null, RowErrors.misclassification(t, "y", "p", null));
        String json = CoverageReportWriter.json(r);
        SchemaAssert.assertValid(ResultKind.COVERAGE, json);
        Golden.assertText("coverage-v1.json", json);
        assertFalse(CoverageReportWriter.markdown(r).contains("Infinity"));
        assertFalse(CoverageReportWriter.html(r).contains("Infinity"));
    }
}

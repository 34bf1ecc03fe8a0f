package org.fairhunt.discovery.realdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fairhunt.core.io.TableReaders;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;
import org.fairhunt.discovery.slice.RowErrors;
import org.fairhunt.discovery.slice.SliceFeatures;
import org.fairhunt.discovery.slice.SliceFinder;
import org.fairhunt.discovery.slice.SliceFinding;
import org.fairhunt.discovery.slice.SliceReport;
import org.fairhunt.discovery.slice.SliceSearch;
import org.junit.jupiter.api.Test;

/**
 * Slices of high error of a wage regression on CPS 1988 (28 155 men). The model is the classic
 * Mincer equation fitted here by ordinary least squares, {@code log(wage) ~ 1 + education +
 * experience + experience²} (deterministic: normal equations, no sampling); the row error is the
 * absolute residual on the log scale. The model ignores part-time work, and {@code wage} is a
 * <em>weekly</em> wage, so part-time workers must stand out.
 */
class WageSlicesTest {

    @Test
    void the_model_fails_most_for_part_time_workers_whom_it_ignores() {
        Table t = TableReaders.read(RealData.file("cps1988.csv"));
        NumericColumn wage = t.numeric("wage");
        NumericColumn edu = t.numeric("education");
        NumericColumn exp = t.numeric("experience");
        int n = t.rowCount();
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {1, edu.value(i), exp.value(i), exp.value(i) * exp.value(i)};
            y[i] = Math.log(wage.value(i));
        }
        double[] beta = ols(x, y);
        // Published Mincer fit on these data (Kleiber and Zeileis, Applied Econometrics with R, §3.3,
        // which adds ethnicity): education ≈ 0.086, experience ≈ 0.078; ours without ethnicity is close.
        assertEquals(0.086, beta[1], 0.01);
        assertEquals(0.078, beta[2], 0.01);
        double[] residual = new double[n];
        for (int i = 0; i < n; i++) {
            double fit = 0;
            for (int j = 0; j < 4; j++) {
                fit += beta[j] * x[i][j];
            }
            residual[i] = Math.abs(y[i] - fit);
        }
        Table withError = t.with(new NumericColumn("abs_log_residual", residual));
        RowErrors errors = RowErrors.lossColumn(withError, "abs_log_residual");
        SliceFeatures features = SliceFeatures.encode(withError, List.of("ethnicity", "smsa", "region", "parttime", "education", "experience"),
                4, 100);
        SliceReport r = SliceFinder.find(features, errors, SliceFinder.Options.of(new SliceSearch.Params(3, 50, 10, 0.95, 2)));
        SliceFinding first = r.findings().get(0);
        assertTrue(first.predicates().contains("parttime = yes"), first.description());
        // The reported error is the slice's mean absolute residual, computed here directly.
        double sum = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (first.stats().rows() > 0 && matches(withError, first.predicates(), features, i)) {
                sum += residual[i];
                count++;
            }
        }
        assertEquals(count, first.stats().rows());
        assertEquals(sum / count, first.error(), 1e-9);
        assertTrue(first.qValue() < 1e-6, "q = " + first.qValue());
    }

    private static boolean matches(Table t, List<String> predicates, SliceFeatures features, int row) {
        for (String p : predicates) {
            String[] kv = p.split(" = ", 2);
            int f = features.names().indexOf(kv[0]);
            if (!features.level(f, features.code(f, row)).equals(kv[1])) {
                return false;
            }
        }
        return true;
    }

    /** Least squares by the normal equations and Gaussian elimination with partial pivoting. */
    static double[] ols(double[][] x, double[] y) {
        int k = x[0].length;
        double[][] a = new double[k][k + 1];
        for (int i = 0; i < x.length; i++) {
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) {
                    a[r][c] += x[i][r] * x[i][c];
                }
                a[r][k] += x[i][r] * y[i];
            }
        }
        for (int col = 0; col < k; col++) {
            int pivot = col;
            for (int r = col + 1; r < k; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            for (int r = 0; r < k; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c <= k; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] beta = new double[k];
        for (int r = 0; r < k; r++) {
            beta[r] = a[r][k] / a[r][r];
        }
        return beta;
    }
}

package org.fairhunt.bench.systemds;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.sysds.api.jmlc.Connection;
import org.apache.sysds.api.jmlc.PreparedScript;
import org.apache.sysds.api.jmlc.ResultVariables;
import org.apache.sysds.conf.CompilerConfig.ConfigType;
import org.fairhunt.bench.ReferenceSliceLine;
import org.fairhunt.bench.SliceFinderBench;
import org.fairhunt.discovery.slice.ScoredSlice;
import org.fairhunt.discovery.slice.SliceFeatures;

/** Runs Apache SystemDS's builtin {@code sliceLine} locally through JMLC and compares with Fairhunt's result. */
public final class SystemDsSliceLine implements ReferenceSliceLine {
    @Override
    public void compare(SliceFeatures x, double[] e, int runs, int depth, int minSupport, int k, double alpha, List<ScoredSlice> ours)
            throws Exception {
        int n = x.rowCount();
        int f = x.featureCount();
        // SystemDS wants recoded features 1..k per column and the error as a column vector.
        double[][] matrix = new double[n][f];
        double[][] errors = new double[n][1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                matrix[i][j] = x.code(j, i) + 1;
            }
            errors[i][0] = e[i];
        }
        String script = "X = read(\"./X\", data_type=\"matrix\");\n"
                + "e = read(\"./e\", data_type=\"matrix\");\n"
                + "[TK, TKC, D] = sliceLine(X=X, e=e, k=" + k + ", maxL=" + depth + ", minSup=" + minSupport + ", alpha=" + alpha
                + ", tpEval=TRUE, verbose=FALSE);\n"
                + "write(TK, \"./TK\");\nwrite(TKC, \"./TKC\");\n";
        double[] times = new double[runs];
        double[][] tk = null;
        double[][] tkc = null;
        try (Connection conn = new Connection(ConfigType.PARALLEL_CP_MATRIX_OPERATIONS, ConfigType.PARALLEL_LOCAL_OR_REMOTE_PARFOR,
                ConfigType.ALLOW_DYN_RECOMPILATION)) {
            for (int r = runs == 1 ? 0 : -1; r < runs; r++) {
                long t0 = System.nanoTime();
                PreparedScript ps = conn.prepareScript(script, new String[] {"X", "e"}, new String[] {"TK", "TKC"});
                ps.setMatrix("X", matrix, false);
                ps.setMatrix("e", errors, false);
                ResultVariables out = ps.executeScript();
                tk = out.getMatrix("TK");
                tkc = out.getMatrix("TKC");
                if (r >= 0) {
                    times[r] = (System.nanoTime() - t0) / 1e9;
                }
            }
        }
        System.out.printf(Locale.ROOT, "Apache SystemDS 3.3.0 sliceLine (JMLC, local%s): median %.2f s  runs %s%n",
                runs == 1 ? ", one cold run" : ", after one warm-up", SliceFinderBench.median(times), Arrays.toString(SliceFinderBench.round(times)));
        Set<String> theirs = new HashSet<>();
        for (int i = 0; i < tk.length; i++) {
            long[] a = new long[f];
            for (int j = 0; j < f; j++) {
                a[j] = Math.round(tk[i][j]);
            }
            theirs.add(Arrays.toString(a));
            System.out.printf(Locale.ROOT, "  systemds %.4f  n=%d  %s%n", tkc[i][0], Math.round(tkc[i][3]), Arrays.toString(a));
        }
        int common = 0;
        for (ScoredSlice s : ours) {
            if (theirs.contains(Arrays.toString(SliceFinderBench.assignment(s.slice(), f)))) {
                common++;
            }
        }
        System.out.printf(Locale.ROOT, "top-%d slices in common with SystemDS: %d of %d%n", k, common, ours.size());
    }
}

package org.fairhunt.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.fairhunt.bounty.group.CelGroup;
import org.fairhunt.bounty.group.CelLimits;
import org.fairhunt.bounty.group.GroupPredicate;
import org.fairhunt.bounty.learn.HunterKit;
import org.fairhunt.bounty.learn.Learner;
import org.fairhunt.bounty.onnx.OnnxModel;
import org.fairhunt.bounty.pdl.Decision;
import org.fairhunt.bounty.pdl.AcceptanceRule;
import org.fairhunt.bounty.pdl.Loss;
import org.fairhunt.bounty.pdl.PdlEngine;
import org.fairhunt.bounty.pdl.PdlNode;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.FeatureSchema;
import org.fairhunt.bounty.schema.Task;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TableBuilder;

/**
 * End-to-end driver for issue #4's target: verifying one submission (compile the CEL group, load and
 * check the ONNX model, evaluate the group on the holdout, run the model on the group's rows, decide,
 * repair) against a 100,000-row holdout with a pointer decision list of at least 50 nodes, all models
 * gradient-boosted tree ensembles (ai.onnx.ml TreeEnsembleRegressor, 50 trees of depth 3).
 *
 * <p>The comparison is a row-by-row verifier in the style of the 2022 paper's Python reference
 * (groups evaluated with a per-row {@code apply}): each row's group membership is a fresh CEL
 * evaluation, each model prediction a one-row ONNX Runtime call, the current model's prediction a walk
 * down the list; after an accept, every earlier group's error is recomputed the same way. It runs on
 * a prefix of the holdout (its cost is linear in rows) and its time is scaled to the full holdout.
 *
 * <pre>java -Xmx8g -cp bench/target/fairhunt-bench.jar org.fairhunt.bench.BountyVerifyBench [rows] [nodes] [reps] [baselineRows]</pre>
 */
public final class BountyVerifyBench {
    private static final String[] CATS = {"c1", "c2", "c3", "c4"};
    private static final int[] LEVELS = {4, 3, 2, 5};
    private static final int NUMERIC = 6;

    private BountyVerifyBench() {
    }

    static Table data(String source, int rows, long seed) {
        Random rnd = new Random(seed);
        List<String> names = new ArrayList<>(Arrays.asList(CATS));
        for (int j = 1; j <= NUMERIC; j++) {
            names.add("x" + j);
        }
        names.add("y");
        TableBuilder b = new TableBuilder(source, names);
        String[] row = new String[names.size()];
        for (int i = 0; i < rows; i++) {
            int[] c = new int[CATS.length];
            for (int k = 0; k < CATS.length; k++) {
                c[k] = rnd.nextInt(LEVELS[k]);
                row[k] = "v" + c[k];
            }
            double[] x = new double[NUMERIC];
            for (int j = 0; j < NUMERIC; j++) {
                x[j] = Math.round(rnd.nextGaussian() * 1000) / 1000.0;
                row[CATS.length + j] = Double.toString(x[j]);
            }
            // Interactions between categories and numbers: a model for everyone misses some groups.
            double z = 0.8 * x[0] - 0.6 * x[1] + (c[0] == 1 ? 1.5 * x[2] : 0) + (c[1] == 2 && c[2] == 0 ? -1.2 * x[3] : 0)
                    + (c[3] >= 3 ? 0.9 * x[4] * x[5] : 0) + 0.3 * c[3] - 0.5;
            row[names.size() - 1] = rnd.nextDouble() < 1 / (1 + Math.exp(-2 * z)) ? "yes" : "no";
            b.addRow(row);
        }
        return b.build();
    }

    static String randomGroup(Random rnd) {
        int terms = 1 + rnd.nextInt(3);
        List<String> parts = new ArrayList<>();
        for (int t = 0; t < terms; t++) {
            if (rnd.nextBoolean()) {
                int k = rnd.nextInt(CATS.length);
                parts.add(CATS[k] + " == \"v" + rnd.nextInt(LEVELS[k]) + "\"");
            } else {
                parts.add("x" + (1 + rnd.nextInt(NUMERIC)) + (rnd.nextBoolean() ? " > " : " < ")
                        + String.format(Locale.ROOT, "%.2f", rnd.nextGaussian() * 0.7));
            }
        }
        return String.join(" && ", parts);
    }

    /** A prepared submission: group text and model bytes, as a verifier receives them. */
    record Candidate(String group, byte[] model) {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int wantNodes = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 21;
        int baselineRows = args.length > 3 ? Integer.parseInt(args[3]) : 5_000;
        Table trainTable = data("train", 20_000, 1);
        Table holdoutTable = data("holdout", rows, 2);
        FeatureSchema schema = FeatureSchema.infer("y", Task.CLASSIFICATION, trainTable, holdoutTable);
        FeatureData train = schema.encode(trainTable, true);
        FeatureData holdout = schema.encode(holdoutTable, true);
        CelLimits limits = CelLimits.defaults();
        HunterKit.Options strong = new HunterKit.Options(3, 20, 50, 0.1, 1);
        long t0 = System.nanoTime();
        byte[] baseBytes = HunterKit.train(schema, train, IntStream.range(0, 5_000).toArray(), Learner.BOOSTED,
                new HunterKit.Options(3, 20, 50, 0.02, 1)).onnx();
        OnnxModel base = OnnxModel.load("base", baseBytes, schema, OnnxModel.Role.PREDICTOR, 1L << 26, 60_000);
        PdlEngine engine = new PdlEngine(holdout.labels(), base.predict(holdout), new AcceptanceRule(Loss.ZERO_ONE, 1e-4, 100, 1));
        Random rnd = new Random(7);
        List<CelGroup> nodeGroups = new ArrayList<>();
        List<OnnxModel> nodeModels = new ArrayList<>();
        nodeGroups.add(null);
        nodeModels.add(null);
        List<Long> groupIdOfNode = new ArrayList<>();
        groupIdOfNode.add(-1L);
        int attempts = 0;
        long nextGroupId = 1;
        java.util.Map<Long, CelGroup> groupsById = new java.util.HashMap<>();
        java.util.Map<Long, OnnxModel> modelsById = new java.util.HashMap<>();
        while (engine.currentVersion() < wantNodes && attempts++ < 2000) {
            Candidate c = candidate(schema, train, rnd, limits, strong);
            if (c == null) {
                continue;
            }
            CelGroup g = CelGroup.compile(c.group(), schema, limits);
            int[] r = GroupPredicate.rows(g.members(holdout));
            if (r.length < 100) {
                continue;
            }
            OnnxModel h = OnnxModel.load("h", c.model(), schema, OnnxModel.Role.PREDICTOR, 1L << 26, 60_000);
            long id = nextGroupId++;
            Decision d = engine.decide(id, r, h.predict(holdout.subset(r)));
            if (d.accepted()) {
                groupsById.put(id, g);
                modelsById.put(id, h);
            } else {
                h.close();
            }
        }
        int catches = (int) engine.nodes().stream().filter(n -> n.kind() == PdlNode.Kind.CATCH).count();
        System.out.printf(Locale.ROOT, "holdout %,d rows, %d features; list of %d nodes (%d accepted, %d repairs) built in %.1f s "
                + "after %d submissions; models: 50-tree depth-3 ensembles%n", rows, schema.features().size(), engine.currentVersion(),
                engine.currentVersion() - catches, catches, (System.nanoTime() - t0) / 1e9, attempts);

        List<Candidate> subs = new ArrayList<>();
        while (subs.size() < reps) {
            Candidate c = candidate(schema, train, rnd, limits, strong);
            if (c != null && CelGroup.compile(c.group(), schema, limits).members(holdout).length > 0) {
                subs.add(c);
            }
        }
        // Warm-up: JIT and ONNX Runtime's first-run costs.
        for (int w = 0; w < 3; w++) {
            verify(engine, schema, holdout, subs.get(w), limits);
        }
        double[] ms = new double[reps];
        double[][] phases = new double[5][reps];
        int accepted = 0;
        int repairs = 0;
        for (int i = 0; i < reps; i++) {
            long s = System.nanoTime();
            Decision d = verify(engine, schema, holdout, subs.get(i), limits);
            ms[i] = (System.nanoTime() - s) / 1e6;
            for (int k = 0; k < 5; k++) {
                phases[k][i] = PHASES[k];
            }
            accepted += d.accepted() ? 1 : 0;
            repairs += d.repairs();
        }
        System.out.printf(Locale.ROOT, "verify one submission (columnar, state in memory): median %.1f ms over %d submissions "
                + "(min %.1f, max %.1f); %d would be accepted, %d repair nodes%n", BenchData.median(ms), reps,
                Arrays.stream(ms).min().orElse(0), Arrays.stream(ms).max().orElse(0), accepted, repairs);

        System.out.printf(Locale.ROOT, "  phases (median ms): compile CEL %.1f, load+check ONNX %.1f, group on holdout %.1f, "
                + "model on group rows %.1f, decide+repair %.1f%n", BenchData.median(phases[0]), BenchData.median(phases[1]),
                BenchData.median(phases[2]), BenchData.median(phases[3]), BenchData.median(phases[4]));

        // Row by row on a prefix of the holdout, scaled to the whole holdout.
        int n = Math.min(baselineRows, rows);
        FeatureData prefix = holdout.subset(IntStream.range(0, n).toArray());
        int baseReps = 3;
        double[] rowMs = new double[baseReps];
        for (int i = 0; i < baseReps; i++) {
            long s = System.nanoTime();
            RowByRow.verify(engine, prefix, base, groupsById, modelsById, subs.get(i), schema, limits);
            rowMs[i] = (System.nanoTime() - s) / 1e6 * rows / n;
        }
        double rowMedian = BenchData.median(rowMs);
        System.out.printf(Locale.ROOT, "verify one submission row by row (per-row CEL and one-row ONNX calls, %,d-row prefix scaled "
                + "to %,d rows): median %.0f ms; columnar is %.0fx faster%n", n, rows, rowMedian, rowMedian / BenchData.median(ms));

        // Groups row by row, models batched: the new group and every accepted group evaluated per row by the CEL
        // interpreter (pandas apply), the candidate model run once on the whole holdout.
        double[] groupMs = new double[baseReps];
        for (int i = 0; i < baseReps; i++) {
            long s = System.nanoTime();
            RowByRow.groupsPerRow(engine, holdout, groupsById, subs.get(i), schema, limits);
            groupMs[i] = (System.nanoTime() - s) / 1e6;
        }
        double groupMedian = BenchData.median(groupMs);
        System.out.printf(Locale.ROOT, "verify one submission with groups row by row and models batched (full holdout): median %.0f ms; "
                + "columnar is %.0fx faster%n", groupMedian, groupMedian / BenchData.median(ms));

        long s = System.nanoTime();
        PdlEngine rebuilt = new PdlEngine(holdout.labels(), base.predict(holdout), new AcceptanceRule(Loss.ZERO_ONE, 1e-4, 100, 1));
        for (PdlNode node : engine.nodes()) {
            if (node.kind() == PdlNode.Kind.ACCEPT) {
                int[] r = GroupPredicate.rows(groupsById.get(node.groupId()).members(holdout));
                rebuilt.applyAccept(node.groupId(), r, modelsById.get(node.groupId()).predict(holdout.subset(r)));
            } else {
                rebuilt.applyCatch(node.groupId(), node.targetVersion());
            }
        }
        System.out.printf(Locale.ROOT, "rebuild the holdout state from the record (cold start, once): %.0f ms; identical: %b%n",
                (System.nanoTime() - s) / 1e6, Arrays.equals(rebuilt.predictions(rebuilt.currentVersion()),
                        engine.predictions(engine.currentVersion())));
    }

    static Candidate candidate(FeatureSchema schema, FeatureData train, Random rnd, CelLimits limits, HunterKit.Options o) {
        String group = randomGroup(rnd);
        int[] r = GroupPredicate.rows(CelGroup.compile(group, schema, limits).members(train));
        if (r.length < 200) {
            return null;
        }
        // Hunters' models are fitted on at most 3,000 public rows of their group (setup time only).
        int[] fit = r.length > 3000 ? Arrays.copyOf(r, 3000) : r;
        return new Candidate(group, HunterKit.train(schema, train, fit, Learner.BOOSTED, o).onnx());
    }

    /** Milliseconds per phase of the last {@link #verify}: compile, load, group, predict, decide. */
    static final double[] PHASES = new double[5];

    /** What a verifier does with one submission; the list is put back afterwards (not timed separately). */
    static Decision verify(PdlEngine engine, FeatureSchema schema, FeatureData holdout, Candidate c, CelLimits limits) {
        long t0 = System.nanoTime();
        CelGroup g = CelGroup.compile(c.group(), schema, limits);
        long t1 = System.nanoTime();
        try (OnnxModel h = OnnxModel.load("candidate", c.model(), schema, OnnxModel.Role.PREDICTOR, 1L << 26, 60_000)) {
            long t2 = System.nanoTime();
            int[] rows = GroupPredicate.rows(g.members(holdout));
            long t3 = System.nanoTime();
            double[] pred = h.predict(holdout.subset(rows));
            long t4 = System.nanoTime();
            int before = engine.currentVersion();
            Decision d = engine.decide(Long.MAX_VALUE, rows, pred);
            long t5 = System.nanoTime();
            engine.truncate(before);
            long[] t = {t0, t1, t2, t3, t4, t5};
            for (int k = 0; k < 5; k++) {
                PHASES[k] = (t[k + 1] - t[k]) / 1e6;
            }
            return d;
        }
    }

    /** The row-by-row verifier. */
    static final class RowByRow {
        private RowByRow() {
        }

        static double predict(PdlEngine engine, int version, FeatureData d, int row, OnnxModel base,
                java.util.Map<Long, CelGroup> groups, java.util.Map<Long, OnnxModel> models) {
            List<PdlNode> nodes = engine.nodes();
            for (int v = version; v >= 1; v--) {
                PdlNode node = nodes.get(v - 1);
                boolean in = node.groupId() == PdlNode.POPULATION || groups.get(node.groupId()).matches(d, row);
                if (in) {
                    if (node.kind() == PdlNode.Kind.ACCEPT) {
                        return models.get(node.groupId()).predict(d.subset(new int[] {row}))[0];
                    }
                    return predict(engine, node.targetVersion(), d, row, base, groups, models);
                }
            }
            return base.predict(d.subset(new int[] {row}))[0];
        }

        static void groupsPerRow(PdlEngine engine, FeatureData d, java.util.Map<Long, CelGroup> groups, Candidate c,
                FeatureSchema schema, CelLimits limits) {
            CelGroup g = CelGroup.compile(c.group(), schema, limits);
            try (OnnxModel h = OnnxModel.load("candidate", c.model(), schema, OnnxModel.Role.PREDICTOR, 1L << 26, 60_000)) {
                double[] y = d.labels();
                double[] cur = engine.predictions(engine.currentVersion());
                double[] hAll = h.predict(d);
                boolean[] inG = new boolean[d.rowCount()];
                double lf = 0;
                double lh = 0;
                for (int i = 0; i < d.rowCount(); i++) {
                    inG[i] = g.matches(d, i);
                    if (inG[i]) {
                        lf += cur[i] != y[i] ? 1 : 0;
                        lh += hAll[i] != y[i] ? 1 : 0;
                    }
                }
                for (CelGroup earlier : groups.values()) {
                    double err = 0;
                    for (int i = 0; i < d.rowCount(); i++) {
                        if (earlier.matches(d, i)) {
                            err += (inG[i] ? hAll[i] : cur[i]) != y[i] ? 1 : 0;
                        }
                    }
                    if (err < 0) {
                        throw new IllegalStateException();
                    }
                }
                if (lf < 0 || lh < 0) {
                    throw new IllegalStateException();
                }
            }
        }

        static void verify(PdlEngine engine, FeatureData d, OnnxModel base, java.util.Map<Long, CelGroup> groups,
                java.util.Map<Long, OnnxModel> models, Candidate c, FeatureSchema schema, CelLimits limits) {
            CelGroup g = CelGroup.compile(c.group(), schema, limits);
            try (OnnxModel h = OnnxModel.load("candidate", c.model(), schema, OnnxModel.Role.PREDICTOR, 1L << 26, 60_000)) {
                double[] y = d.labels();
                int cur = engine.currentVersion();
                double lf = 0;
                double lh = 0;
                int size = 0;
                double[] hPred = new double[d.rowCount()];
                boolean[] inG = new boolean[d.rowCount()];
                for (int i = 0; i < d.rowCount(); i++) {
                    if (g.matches(d, i)) {
                        inG[i] = true;
                        size++;
                        lf += predict(engine, cur, d, i, base, groups, models) != y[i] ? 1 : 0;
                        hPred[i] = h.predict(d.subset(new int[] {i}))[0];
                        lh += hPred[i] != y[i] ? 1 : 0;
                    }
                }
                // The repair check: every accepted group's error under the new model, and the population's.
                for (java.util.Map.Entry<Long, CelGroup> e : groups.entrySet()) {
                    double err = 0;
                    for (int i = 0; i < d.rowCount(); i++) {
                        if (e.getValue().matches(d, i)) {
                            double p = inG[i] ? hPred[i] : predict(engine, cur, d, i, base, groups, models);
                            err += p != y[i] ? 1 : 0;
                        }
                    }
                }
                double all = 0;
                for (int i = 0; i < d.rowCount(); i++) {
                    double p = inG[i] ? hPred[i] : predict(engine, cur, d, i, base, groups, models);
                    all += p != y[i] ? 1 : 0;
                }
                if (size < 0 || lf < 0 || lh < 0 || all < 0) {
                    throw new IllegalStateException();
                }
            }
        }
    }
}

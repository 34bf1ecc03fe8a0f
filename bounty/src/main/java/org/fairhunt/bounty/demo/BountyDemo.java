package org.fairhunt.bounty.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fairhunt.bounty.export.ExportedModel;
import org.fairhunt.bounty.group.GroupPredicate;
import org.fairhunt.bounty.learn.AutoHunter;
import org.fairhunt.bounty.learn.HunterKit;
import org.fairhunt.bounty.learn.Learner;
import org.fairhunt.bounty.pdl.Loss;
import org.fairhunt.bounty.program.GroupSpec;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.program.ProgramSettings;
import org.fairhunt.bounty.program.ProgramStatus;
import org.fairhunt.bounty.program.SubmissionResult;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.FeatureSchema;
import org.fairhunt.bounty.schema.Task;
import org.fairhunt.core.FairhuntException;
import org.fairhunt.core.io.Format;
import org.fairhunt.core.io.ReadOptions;
import org.fairhunt.core.io.TableReaders;
import org.fairhunt.core.table.Table;

/** Runs the demo program in a directory and prints what happens. */
public final class BountyDemo {
    /** The scripted hunters: team, CEL group, learner. */
    static final String[][] HUNTERS = {
        {"red", "afam == \"yes\"", "logistic"},
        {"blue", "afam == \"yes\" && single == \"yes\"", "tree"},
        {"green", "pirat > 0.35", "boosted"},
        {"gray", "selfemp == \"yes\"", "base"},
        {"orange", "lvrat > 0.8 || afam == \"yes\"", "boosted"},
        {"purple", "hschool == \"no\"", "tree"},
    };

    /** Counts of what happened, for tests. */
    public record Outcome(int accepted, int rejected, int repairs, Path program, Path model) {
    }

    private BountyDemo() {
    }

    /** The shipped HMDA table. */
    public static Table load() {
        try (InputStream in = BountyDemo.class.getResourceAsStream("hmda_boston.csv")) {
            if (in == null) {
                throw new FairhuntException("demo data hmda_boston.csv is missing from the jar");
            }
            return TableReaders.read(in, "hmda_boston.csv", Format.CSV, ReadOptions.defaults());
        } catch (IOException e) {
            throw new FairhuntException("cannot read the demo data: " + e.getMessage(), e);
        }
    }

    private static int repairs(SubmissionResult r) {
        return r.decision() == null ? 0 : r.decision().repairs();
    }

    /**
     * Runs the demo, printing to {@code out}; {@code status} renders the program's status (the report
     * module's renderer: this module produces the record, not its text).
     */
    public static Outcome run(Path dir, long seed, PrintWriter out, java.util.function.Function<ProgramStatus, String> status) {
        Table hmda = load();
        int n = hmda.rowCount();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        Random rnd = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int a = n / 2;
        int b = a + n / 4;
        Table train = hmda.rows(java.util.Arrays.copyOfRange(perm, 0, a));
        Table holdout = hmda.rows(java.util.Arrays.copyOfRange(perm, a, b));
        Table test = hmda.rows(java.util.Arrays.copyOfRange(perm, b, n));
        out.printf("Bias bounty demo: Boston HMDA mortgage applications (%d rows; Munnell et al. 1996, via R package AER, GPL)%n", n);
        out.printf("Seeded split %d: %d train (public), %d holdout (decisions), %d test (final report only)%n", seed,
                train.rowCount(), holdout.rowCount(), test.rowCount());
        FeatureSchema schema = FeatureSchema.infer("deny", Task.CLASSIFICATION, train, holdout, test);
        FeatureData trainData = schema.encode(train, true);
        // A weak base model: a depth-1 tree (one split) fitted on the first 300 public rows.
        byte[] base = HunterKit.train(schema, trainData, java.util.stream.IntStream.range(0, 300).toArray(), Learner.TREE,
                new HunterKit.Options(1, 20, 1, 0.1, 1)).onnx();
        ProgramSettings settings = ProgramSettings.defaults("deny", Loss.ZERO_ONE).withMinGroupSize(20)
                .withBudget(5).withReportStep(0.005);
        int accepted = 0;
        int rejected = 0;
        int repairs = 0;
        Path progDir = dir.resolve("program");
        try (Program p = Program.create(progDir, settings, train, holdout, test, base, "base model (depth-1 tree)")) {
            out.printf("Program in %s; base model holdout error %.4f%n%n", progDir, p.engine().error(0));
            List<String> log = new ArrayList<>();
            for (String[] hunter : HUNTERS) {
                GroupSpec g = GroupSpec.cel(hunter[1]);
                byte[] h;
                if (hunter[2].equals("base")) {
                    h = p.modelBytes(p.baseModelHash());
                } else {
                    int[] rows = GroupPredicate.rows(p.compileGroup(g).members(p.data("train")));
                    h = HunterKit.train(schema, p.data("train"), rows, Learner.parse(hunter[2]), HunterKit.Options.defaults()).onnx();
                }
                SubmissionResult r = p.submit(hunter[0], g, h, hunter[0] + ".onnx");
                out.printf("%-7s group [%s], %s model%n        %s%n", hunter[0], hunter[1],
                        hunter[2].equals("base") ? "the base" : hunter[2], r.publicMessage());
                if (repairs(r) > 0) {
                    out.printf("        repair: %d catch node(s) sent earlier groups back to their best version%n", repairs(r));
                }
                accepted += r.accepted() ? 1 : 0;
                rejected += r.accepted() ? 0 : 1;
                repairs += repairs(r);
            }
            for (AutoHunter.Round round : new AutoHunter(3, 15, 0.05).run(p, "auto", 3)) {
                if (round.result() == null) {
                    out.printf("auto    round %d: no pair passes on the public rows; stopping%n", round.round());
                    continue;
                }
                out.printf("auto    round %d: learned group of %d public rows%n        %s%n", round.round(), round.check().groupRows(),
                        round.result().publicMessage());
                accepted += round.result().accepted() ? 1 : 0;
                rejected += round.result().accepted() ? 0 : 1;
                repairs += repairs(round.result());
                if (repairs(round.result()) > 0) {
                    out.printf("        repair: %d catch node(s)%n", repairs(round.result()));
                }
            }
            out.println();
            out.print(status.apply(p.status(false)));
            Path model = ExportedModel.write(p, dir.resolve("model"));
            out.printf("%nExported the final model to %s (try: fairhunt predict %s new.csv)%n", model, model);
            return new Outcome(accepted, rejected, repairs, progDir, model);
        }
    }
}

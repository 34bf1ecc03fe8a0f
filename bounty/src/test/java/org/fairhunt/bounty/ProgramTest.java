package org.fairhunt.bounty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.fairhunt.bounty.export.ExportedModel;
import org.fairhunt.bounty.group.GroupPredicate;
import org.fairhunt.bounty.learn.AutoHunter;
import org.fairhunt.bounty.learn.HunterKit;
import org.fairhunt.bounty.learn.Learner;
import org.fairhunt.bounty.pdl.Loss;
import org.fairhunt.bounty.program.GroupSpec;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.program.ProgramSettings;
import org.fairhunt.bounty.program.SubmissionResult;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.FeatureSchema;
import org.fairhunt.bounty.schema.Task;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.Table;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramTest {
    static final String SOUTHERN_WOMEN = "sex == \"f\" && region == \"south\"";

    @TempDir
    Path tmp;
    Program program;

    /** A weak base model: logistic regression on 200 training rows, blind to the southern women's rule. */
    static Program newProgram(Path dir, ProgramSettings settings) {
        return newProgram(dir, settings, 2000);
    }

    static Program newProgram(Path dir, ProgramSettings settings, int rowsPerSplit) {
        return newProgram(dir, null, null, settings, rowsPerSplit);
    }

    /** The same program as program {@code name} of a shared store. */
    static Program newProgram(org.fairhunt.bounty.store.BountyStore store, String name, ProgramSettings settings) {
        return newProgram(null, store, name, settings, 2000);
    }

    private static Program newProgram(Path dir, org.fairhunt.bounty.store.BountyStore store, String name, ProgramSettings settings,
            int rowsPerSplit) {
        Table train = Synthetic.table("train.csv", rowsPerSplit, 11);
        Table holdout = Synthetic.table("holdout.csv", rowsPerSplit, 12);
        Table test = Synthetic.table("test.csv", rowsPerSplit, 13);
        FeatureSchema schema = FeatureSchema.infer("deny", Task.CLASSIFICATION, train, holdout, test);
        FeatureData d = schema.encode(train, true);
        byte[] base = HunterKit.train(schema, d, IntStream.range(0, 200).toArray(), Learner.LOGISTIC, HunterKit.Options.defaults()).onnx();
        return store == null ? Program.create(dir, settings, train, holdout, test, base, "base.onnx")
                : Program.create(store, name, settings, train, holdout, test, base, "base.onnx");
    }

    static ProgramSettings settings() {
        return ProgramSettings.defaults("deny", Loss.ZERO_ONE).withAlpha(0.003).withMinGroupSize(30).withBudget(10);
    }

    @BeforeEach
    void setUp() {
        program = newProgram(tmp.resolve("prog"), settings());
    }

    byte[] fit(String group, Learner learner) {
        return fit(program, group, learner);
    }

    /** A model fitted on the public rows of a CEL group. */
    static byte[] fit(Program program, String group, Learner learner) {
        FeatureData d = program.data("train");
        int[] rows = GroupPredicate.rows(program.compileGroup(GroupSpec.cel(group)).members(d));
        return HunterKit.train(program.schema(), d, rows, learner, HunterKit.Options.defaults()).onnx();
    }

    @Test
    void a_better_model_on_a_group_is_accepted_and_the_same_pair_again_is_rejected() {
        byte[] h = fit(SOUTHERN_WOMEN, Learner.TREE);
        SubmissionResult first = program.submit("red", GroupSpec.cel(SOUTHERN_WOMEN), h, "h.onnx");
        assertTrue(first.accepted(), first.decision().toString());
        assertTrue(first.reportedImprovement() > 0 && first.reportedImprovement() <= first.decision().gain());
        assertEquals(first.decision().versionBefore() + 1 + first.decision().repairs(), first.decision().versionAfter());
        // Verify the numbers independently: error of the current model and of h on the group's holdout rows.
        FeatureData holdout = program.data("holdout");
        double[] y = holdout.labels();
        int[] rows = GroupPredicate.rows(program.compileGroup(GroupSpec.cel(SOUTHERN_WOMEN)).members(holdout));
        double[] base = program.engine().predictions(0);
        double errBase = IntStream.of(rows).filter(r -> base[r] != y[r]).count() / (double) rows.length;
        assertEquals(errBase, first.decision().lossCurrent(), 1e-12);
        assertEquals(rows.length, first.decision().groupSize());

        SubmissionResult again = program.submit("blue", GroupSpec.cel(SOUTHERN_WOMEN), h, "h.onnx");
        assertFalse(again.accepted());
        assertEquals(0.0, again.decision().gain(), 0.0);
    }

    @Test
    void a_submission_whose_model_is_the_current_model_is_rejected() {
        byte[] base = program.modelBytes(program.baseModelHash());
        SubmissionResult r = program.submit("red", GroupSpec.cel("region == \"north\""), base, "base.onnx");
        assertFalse(r.accepted());
        assertEquals(0.0, r.decision().gain());
        assertEquals(0, program.nodes().size());
    }

    @Test
    void exported_model_reproduces_the_engines_holdout_predictions_exactly() {
        program.submit("red", GroupSpec.cel(SOUTHERN_WOMEN), fit(SOUTHERN_WOMEN, Learner.TREE), "h.onnx");
        program.submit("red", GroupSpec.cel("age > 50.0"), fit("age > 50.0", Learner.BOOSTED), "h2.onnx");
        new AutoHunter(3, 20, 0.05).run(program, "auto", 2);
        Path out = ExportedModel.write(program, tmp.resolve("model"));
        try (ExportedModel m = ExportedModel.load(out)) {
            double[] exported = m.predict(program.data("holdout"));
            assertArrayEquals(program.engine().predictions(program.engine().currentVersion()), exported);
        }
    }

    @Test
    void reopening_rebuilds_the_same_state_from_the_record() {
        program.submit("red", GroupSpec.cel(SOUTHERN_WOMEN), fit(SOUTHERN_WOMEN, Learner.LOGISTIC), "h.onnx");
        program.submit("red", GroupSpec.cel("income < 30.0"), fit("income < 30.0", Learner.TREE), "h.onnx");
        double[] before = program.engine().predictions(program.engine().currentVersion()).clone();
        program.close();
        try (Program reopened = Program.open(tmp.resolve("prog"))) {
            assertArrayEquals(before, reopened.engine().predictions(reopened.engine().currentVersion()));
            assertEquals(2, reopened.submissions().size());
        }
    }

    @Test
    void the_automated_hunter_finds_an_accepted_pair() {
        List<AutoHunter.Round> rounds = new AutoHunter(3, 20, 0.05).run(program, "auto", 3);
        assertTrue(rounds.get(0).result() != null && rounds.get(0).result().accepted(), rounds.toString());
    }

    @Test
    void a_regression_program_accepts_a_better_model_and_exports_it_exactly() {
        Table train = Synthetic.table("train.csv", 1500, 21);
        Table holdout = Synthetic.table("holdout.csv", 1500, 22);
        Table test = Synthetic.table("test.csv", 1500, 23);
        FeatureSchema schema = FeatureSchema.infer("income", Task.REGRESSION, train, holdout, test);
        FeatureData d = schema.encode(dropMissingIncome(train), true);
        int[] all = IntStream.range(0, d.rowCount()).toArray();
        byte[] base = HunterKit.train(schema, d, all, Learner.TREE, new HunterKit.Options(1, 20, 1, 0.1, 1)).onnx();
        ProgramSettings s = ProgramSettings.defaults("income", Loss.SQUARED).withAlpha(0.01);
        try (Program p = Program.create(tmp.resolve("reg"), s, dropMissingIncome(train), dropMissingIncome(holdout),
                dropMissingIncome(test), base, "base.onnx")) {
            byte[] h = HunterKit.train(schema, d, all, Learner.BOOSTED, HunterKit.Options.defaults()).onnx();
            SubmissionResult r = p.submit("red", GroupSpec.cel("age > 40.0"), h, "h.onnx");
            assertTrue(r.accepted(), r.decision().toString());
            Path out = ExportedModel.write(p, tmp.resolve("reg-model"));
            try (ExportedModel m = ExportedModel.load(out)) {
                assertArrayEquals(p.engine().predictions(p.engine().currentVersion()), m.predict(p.data("holdout")));
            }
        }
    }

    /** The synthetic income has missing values; a regression label may not. */
    static Table dropMissingIncome(Table t) {
        return t.rows(IntStream.range(0, t.rowCount()).filter(i -> !t.column("income").isMissing(i)).toArray());
    }

    @Test
    void a_team_over_budget_is_refused_and_nothing_changes() {
        program.close();
        program = newProgram(tmp.resolve("small"), settings().withBudget(2));
        byte[] base = program.modelBytes(program.baseModelHash());
        program.submit("red", GroupSpec.cel("region == \"north\""), base, "b");
        program.submit("red", GroupSpec.cel("region == \"east\""), base, "b");
        UserInputException e = assertThrows(UserInputException.class,
                () -> program.submit("red", GroupSpec.cel(SOUTHERN_WOMEN), fit(SOUTHERN_WOMEN, Learner.TREE), "h"));
        assertTrue(e.getMessage().contains("budget of 2"), e.getMessage());
        assertEquals(2, program.submissions().size());
        assertEquals(0, program.nodes().size());
        assertEquals(1, program.submit("blue", GroupSpec.cel("region == \"east\""), base, "b").submissionsLeft());
    }

    @Test
    void an_empty_group_is_rejected_like_a_small_one_and_charged() {
        SubmissionResult r = program.submit("red", GroupSpec.cel("age > 1000.0"), fit(SOUTHERN_WOMEN, Learner.TREE), "h");
        assertEquals(SubmissionResult.Outcome.REJECTED, r.outcome());
        assertTrue(r.decision().reason().startsWith("group has fewer rows than the program's minimum"), r.decision().reason());
        assertFalse(r.publicMessage().contains("0 rows"), r.publicMessage());
        assertEquals(settings().budget() - 1, r.submissionsLeft());
    }

    @Test
    void bad_input_gets_a_clear_message_and_leaves_the_program_untouched() {
        byte[] h = fit(SOUTHERN_WOMEN, Learner.TREE);
        String syntax = assertThrows(UserInputException.class,
                () -> program.submit("red", GroupSpec.cel("sex == "), h, "h")).getMessage();
        assertTrue(syntax.contains("group expression:1:8"), syntax);
        String unknown = assertThrows(UserInputException.class,
                () -> program.submit("red", GroupSpec.cel("gender == \"f\""), h, "h")).getMessage();
        assertTrue(unknown.contains("gender") && unknown.contains("sex (string), region (string), age (double), income (double)"), unknown);
        String type = assertThrows(UserInputException.class,
                () -> program.submit("red", GroupSpec.cel("age == \"old\""), h, "h")).getMessage();
        assertTrue(type.contains("no matching overload"), type);
        byte[] corrupt = new byte[200];
        new Random(3).nextBytes(corrupt);
        String bad = assertThrows(UserInputException.class,
                () -> program.submit("red", GroupSpec.cel(SOUTHERN_WOMEN), corrupt, "corrupt.onnx")).getMessage();
        assertTrue(bad.startsWith("corrupt.onnx: "), bad);
        assertEquals(0, program.submissions().size());
        assertEquals(0, program.nodes().size());
    }
}

package org.fairhunt.bounty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.fairhunt.bounty.onnx.OnnxGraphBuilder;
import org.fairhunt.bounty.pdl.Loss;
import org.fairhunt.bounty.program.GroupSpec;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.program.ProgramSettings;
import org.fairhunt.bounty.program.SubmissionResult;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TableBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The holdout attacks of issue 11, re-run as seeded tests against the defences.
 *
 * <p>The one-row oracle: the attacker knows the holdout's feature values (the worst case: in the issue
 * they leaked through error messages) and wants the labels. For each target row t it submits the group
 * "a 91-row base set + t" with h = f everywhere except on t, where h predicts "yes": the gain is +1/n
 * when t's label is yes and −1/n otherwise, so with α below 1/n accept/reject is t's label. Against an
 * undefended program (the control, which shows the test can fail) the attack recovers every label;
 * against the defaults no verdict depends on a label, so the recovered labels are no better than
 * guessing the majority class.
 */
class HoldoutAttackTest {
    static final int HOLDOUT = 595;
    static final int TARGETS = 40;

    @TempDir
    Path tmp;

    /** Feature x with distinct values (the attacker can select any row), label deny independent of x. */
    static Table table(String source, int rows, long seed) {
        Random rnd = new Random(seed);
        TableBuilder b = new TableBuilder(source, List.of("x", "deny"));
        for (int i = 0; i < rows; i++) {
            b.addRow(new String[] {String.format(Locale.ROOT, "%.6f", seed * 10 + rnd.nextDouble()), rnd.nextBoolean() ? "yes" : "no"});
        }
        return b.build();
    }

    /** class = 1 ("yes") exactly where x equals {@code value}, else 0 ("no"). */
    static byte[] equalsModel(float value, long classWhenEqual) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("m").input("x", OnnxGraphBuilder.FLOAT, -1, 1);
        g.initializer("v", new float[] {value});
        g.initializer("k", new long[] {classWhenEqual}, 1);
        g.node("Equal", List.of("x", "v"), List.of("eq")).add();
        g.node("Cast", List.of("eq"), List.of("eq64")).attr("to", (long) OnnxGraphBuilder.INT64).add();
        g.node("Mul", List.of("eq64", "k"), List.of("label")).add();
        return g.output("label", OnnxGraphBuilder.INT64, -1, 1).build();
    }

    record Attack(int recovered, int majority, List<SubmissionResult.Outcome> outcomes) {
    }

    Attack attack(Path dir, ProgramSettings settings) {
        Table train = table("train.csv", 600, 1);
        Table holdout = table("holdout.csv", HOLDOUT, 2);
        Table test = table("test.csv", 600, 3);
        // f predicts "no" everywhere (x never equals -1).
        try (Program p = Program.create(dir, settings, train, holdout, test, equalsModel(-1f, 1), "f.onnx")) {
            double[] x = (double[]) p.data("holdout").celColumn(0);
            double[] y = p.data("holdout").labels();
            List<String> base = new ArrayList<>();
            for (int i = 0; i < 91; i++) {
                base.add(String.format(Locale.ROOT, "%.6f", x[i]));
            }
            int recovered = 0;
            int yes = 0;
            List<SubmissionResult.Outcome> outcomes = new ArrayList<>();
            for (int t = 91; t < 91 + TARGETS; t++) {
                String target = String.format(Locale.ROOT, "%.6f", x[t]);
                String group = "x in [" + String.join(", ", base) + ", " + target + "]";
                SubmissionResult r = p.submit("mallory", GroupSpec.cel(group), equalsModel((float) x[t], 1), "h.onnx");
                outcomes.add(r.outcome());
                boolean guessYes = r.accepted();
                recovered += guessYes == (y[t] == 1) ? 1 : 0;
                yes += y[t] == 1 ? 1 : 0;
            }
            return new Attack(recovered, Math.max(yes, TARGETS - yes), outcomes);
        }
    }

    @Test
    void without_the_defences_the_one_row_oracle_recovers_every_label() {
        ProgramSettings open = ProgramSettings.defaults("deny", Loss.ZERO_ONE).withAlphaFloorRows(0).withAlpha(0.5 / HOLDOUT)
                .withSignificance(1).withMinGroupDifference(0).withBudget(100);
        Attack a = attack(tmp.resolve("open"), open);
        assertEquals(TARGETS, a.recovered(), a.toString());
    }

    @Test
    void with_the_default_defences_recovered_labels_are_no_better_than_chance() {
        Attack a = attack(tmp.resolve("defended"), ProgramSettings.defaults("deny", Loss.ZERO_ONE).withBudget(100));
        assertFalse(a.outcomes().contains(SubmissionResult.Outcome.ACCEPTED), a.toString());
        // Every verdict is the same whatever the target's label, so the best guess is the majority class.
        assertTrue(a.recovered() <= a.majority(), a.toString());
        assertEquals(1, a.outcomes().stream().filter(o -> o == SubmissionResult.Outcome.REJECTED).count(),
                "after the first, near-duplicate groups get no verdict: " + a.outcomes());
    }

    @Test
    void the_alpha_floor_refuses_an_alpha_that_lets_one_row_decide() {
        ProgramSettings s = ProgramSettings.defaults("deny", Loss.ZERO_ONE).withAlpha(0.001);
        String m = assertThrows(UserInputException.class, () -> attack(tmp.resolve("a"), s)).getMessage();
        assertTrue(m.startsWith("--alpha 0.001 is below the floor 5/595"), m);
    }

    @Test
    void a_model_that_fails_is_refused_on_public_rows_without_quoting_the_holdout() throws Exception {
        Table train = table("train.csv", 600, 1);
        Table holdout = table("holdout.csv", HOLDOUT, 2);
        try (Program p = Program.create(tmp.resolve("p"), ProgramSettings.defaults("deny", Loss.ZERO_ONE).withBudget(5), train, holdout,
                table("test.csv", 600, 3), equalsModel(-1f, 1), "f.onnx")) {
            // One value for any number of rows: caught on the public rows, before the holdout.
            OnnxGraphBuilder g = new OnnxGraphBuilder("m").input("x", OnnxGraphBuilder.FLOAT, -1, 1);
            g.node("ReduceMax", List.of("x"), List.of("m")).attr("keepdims", 0L).add();
            g.node("Cast", List.of("m"), List.of("label")).attr("to", (long) OnnxGraphBuilder.INT64).add();
            byte[] one = g.output("label", OnnxGraphBuilder.INT64).build();
            String msg = assertThrows(UserInputException.class, () -> p.submit("mallory", GroupSpec.cel("x > 0.0"), one, "one.onnx"))
                    .getMessage();
            assertFalse(msg.contains(Integer.toString(HOLDOUT)) || msg.contains("holdout"), msg);
            // Its output codes quote a value: on public rows only (x*1e6 of a training row).
            OnnxGraphBuilder q = new OnnxGraphBuilder("m").input("x", OnnxGraphBuilder.FLOAT, -1, 1);
            q.initializer("s", new float[] {1e6f});
            q.node("Mul", List.of("x", "s"), List.of("m")).add();
            q.node("Cast", List.of("m"), List.of("label")).attr("to", (long) OnnxGraphBuilder.INT64).add();
            byte[] quoting = q.output("label", OnnxGraphBuilder.INT64, -1, 1).build();
            String leak = assertThrows(UserInputException.class, () -> p.submit("mallory", GroupSpec.cel("x > 0.0"), quoting, "q.onnx"))
                    .getMessage();
            String firstHoldoutValue = Long.toString((long) ((float) ((double[]) p.data("holdout").celColumn(0))[0] * 1e6f));
            assertFalse(leak.contains(firstHoldoutValue), leak);
            assertEquals(0, p.submissionsBy("mallory"), "refusals on public rows cost nothing");

            // A model that fails only on a holdout row (class 7 where x is a holdout-only value): recorded, charged, no numbers.
            float secret = (float) ((double[]) p.data("holdout").celColumn(0))[3];
            SubmissionResult r = p.submit("mallory", GroupSpec.cel("x > 0.0"), equalsModel(secret, 7), "secret.onnx");
            assertEquals(SubmissionResult.Outcome.FAILED, r.outcome());
            String told = r.publicMessage();
            assertFalse(told.matches("(?s).*\\b(7|595)\\b.*") || told.contains(Float.toString(secret)), told);
            assertEquals(1, p.submissionsBy("mallory"));
            assertEquals("failed", p.submissions().get(0).outcome());
            assertTrue(p.submissions().get(0).reason().contains("outside 0..1"), "the operator sees the cause");
            assertEquals(0, p.nodes().size());
        }
    }

    @Test
    void exact_mcnemar_matches_hand_computed_binomial_tails() {
        // P(X >= 8 | n = 10, 1/2) = (45 + 10 + 1) / 1024
        assertEquals(56.0 / 1024, org.fairhunt.bounty.pdl.PairedTest.mcNemar(8, 2), 1e-15);
        assertEquals(1.0, org.fairhunt.bounty.pdl.PairedTest.mcNemar(0, 0));
        // b = 1, c = 0: P(X >= 1 | n = 1) = 1/2, so one row can never be significant at 0.05.
        assertEquals(0.5, org.fairhunt.bounty.pdl.PairedTest.mcNemar(1, 0), 1e-15);
    }
}

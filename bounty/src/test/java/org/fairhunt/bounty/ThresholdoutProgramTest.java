package org.fairhunt.bounty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.fairhunt.bounty.learn.Learner;
import org.fairhunt.bounty.pdl.Thresholdout;
import org.fairhunt.bounty.program.GroupSpec;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.program.ProgramSettings;
import org.fairhunt.bounty.program.ProgramStatus;
import org.fairhunt.bounty.program.SubmissionResult;
import org.fairhunt.core.StorageException;
import org.fairhunt.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thresholdout in a program: what is revealed, what is accepted, the budget, and the replay of the record. */
class ThresholdoutProgramTest {
    static final String SOUTHERN_WOMEN = ProgramTest.SOUTHERN_WOMEN;

    @TempDir
    Path tmp;

    static ProgramSettings with(double threshold, double sigma, int budget) {
        return ProgramTest.settings().withThresholdout(new Thresholdout.Settings(threshold, sigma, budget));
    }

    @Test
    void within_the_threshold_the_revealed_gain_is_the_public_rows_gain_and_no_budget_is_spent() {
        try (Program p = ProgramTest.newProgram(tmp.resolve("prog"), with(1.0, 0, 1))) {
            byte[] h = ProgramTest.fit(p, SOUTHERN_WOMEN, Learner.TREE);
            double trainGain = p.check(GroupSpec.cel(SOUTHERN_WOMEN), h, "h.onnx").gain();
            SubmissionResult r = p.submit("red", GroupSpec.cel(SOUTHERN_WOMEN), h, "h.onnx");
            assertTrue(r.accepted(), r.decision().toString());
            assertNotEquals(trainGain, r.decision().gain(), "the exact holdout gain differs from the public rows' gain");
            assertEquals(p.settings().reported(trainGain), r.reportedImprovement(), 0.0, "revealed: the public rows' gain, rounded down");
            assertEquals(1, p.thresholdoutAnswersLeft());
        }
    }

    @Test
    void beyond_the_threshold_the_holdout_gain_is_revealed_and_the_budget_runs_out_with_a_clear_refusal() {
        Path dir = tmp.resolve("prog");
        try (Program p = ProgramTest.newProgram(dir, with(0, 0, 1))) {
            assertEquals(new ProgramStatus.Reuse(0, 0, 1, 1), p.status(false).thresholdout(), "status shows the settings and answers left");
            byte[] h = ProgramTest.fit(p, SOUTHERN_WOMEN, Learner.TREE);
            SubmissionResult r = p.submit("red", GroupSpec.cel(SOUTHERN_WOMEN), h, "h.onnx");
            assertTrue(r.accepted(), r.decision().toString());
            assertEquals(p.settings().reported(r.decision().gain()), r.reportedImprovement(), 0.0, "σ = 0: the exact holdout gain");
            assertEquals(0, p.thresholdoutAnswersLeft());
            assertEquals(new ProgramStatus.Reuse(0, 0, 1, 0), p.status(false).thresholdout());
            byte[] h2 = ProgramTest.fit(p, "age > 50.0", Learner.TREE);
            UserInputException e = assertThrows(UserInputException.class, () -> p.submit("blue", GroupSpec.cel("age > 50.0"), h2, "h2.onnx"));
            assertEquals("the program's Thresholdout budget of 1 holdout answers is used up: it answers no more submissions (the operator "
                    + "may start a new program with a fresh holdout)", e.getMessage());
            assertEquals(1, p.submissions().size(), "the refusal records nothing");
            assertEquals(0, p.submissionsBy("blue"), "and charges nothing");
        }
    }

    @Test
    void a_noisy_answer_never_accepts_what_the_exact_rule_rejects() {
        // σ = 0.05 is huge next to α = 0.003: about half of the answers for a zero gain exceed α.
        try (Program p = ProgramTest.newProgram(tmp.resolve("prog"), with(0, 0.05, 100))) {
            byte[] base = p.modelBytes(p.baseModelHash());
            String[] groups = {"age > 20.0", "age > 30.0", "age > 40.0", "age > 50.0", "age > 60.0", "income > 30.0", "income > 40.0",
                "region == \"north\"", "region == \"south\"", "sex == \"f\""};
            for (String g : groups) {
                SubmissionResult r = p.submit("red", GroupSpec.cel(g), base, "base.onnx");
                assertEquals(SubmissionResult.Outcome.REJECTED, r.outcome(), g);
                assertEquals(0.0, r.reportedImprovement());
            }
            assertEquals(0, p.nodes().size());
            // And what is accepted improves the holdout error by at least α, exactly.
            byte[] h = ProgramTest.fit(p, SOUTHERN_WOMEN, Learner.TREE);
            SubmissionResult r = p.submit("blue", GroupSpec.cel(SOUTHERN_WOMEN), h, "h.onnx");
            if (r.accepted()) {
                assertTrue(r.decision().errorBefore() - r.decision().errorAfter() >= p.settings().alpha() - 1e-12, r.decision().toString());
            }
        }
    }

    @Test
    void reopening_replays_every_answer_from_the_recorded_seed_and_an_altered_answer_is_caught() throws Exception {
        Path dir = tmp.resolve("prog");
        String[] groups = {SOUTHERN_WOMEN, "age > 50.0", "income < 30.0", "region == \"east\""};
        int[] left = new int[1];
        try (Program p = ProgramTest.newProgram(dir, with(0.002, 0.01, 50))) {
            for (String g : groups) {
                p.submit("red", GroupSpec.cel(g), ProgramTest.fit(p, g, Learner.TREE), "h.onnx");
            }
            left[0] = p.thresholdoutAnswersLeft();
        }
        try (Program p = Program.open(dir)) {
            p.engine();
            assertEquals(left[0], p.thresholdoutAnswersLeft());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Program.DB_FILE)); Statement st = c.createStatement()) {
            assertEquals(groups.length, st.executeUpdate("UPDATE thresholdout_answers SET answer = answer + 1e-9"));
        }
        try (Program p = Program.open(dir)) {
            StorageException e = assertThrows(StorageException.class, p::engine);
            assertTrue(e.getMessage().contains("Thresholdout's answer to submission 1 is"), e.getMessage());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Program.DB_FILE)); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE thresholdout_answers SET answer = answer - 1e-9");
            assertEquals(1, st.executeUpdate("UPDATE submissions SET gain = gain + 1e-9 WHERE id = 2"));
        }
        try (Program p = Program.open(dir)) {
            StorageException e = assertThrows(StorageException.class, p::engine);
            assertTrue(e.getMessage().contains("Thresholdout's holdout gain for submission 2 is"), e.getMessage());
        }
    }

    @Test
    void the_seed_is_not_in_the_settings_a_hunter_may_know() {
        try (Program p = ProgramTest.newProgram(tmp.resolve("prog"), with(0.01, 0.01, 5))) {
            p.submit("red", GroupSpec.cel(SOUTHERN_WOMEN), ProgramTest.fit(p, SOUTHERN_WOMEN, Learner.TREE), "h.onnx");
            assertEquals(java.util.Map.of("threshold", 0.01, "sigma", 0.01, "budget", 5), p.settings().toMap().get("thresholdout"));
            assertFalse(p.settings().toMap().toString().contains("seed"));
            assertEquals(p.settings(), ProgramSettings.fromMap(p.settings().toMap()), "settings round-trip with Thresholdout");
        }
    }
}

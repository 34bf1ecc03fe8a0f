package org.fairhunt.bounty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import org.fairhunt.bounty.learn.HunterKit;
import org.fairhunt.bounty.learn.Learner;
import org.fairhunt.bounty.program.GroupSpec;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.program.ProgramSettings;
import org.fairhunt.bounty.program.SubmissionResult;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.FeatureSchema;
import org.fairhunt.bounty.schema.Task;
import org.fairhunt.bounty.store.BountyStore;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.testing.TestPostgres;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The repository on both databases with the same migrations: SQLite always, PostgreSQL when a server is
 * given by the system property {@code fairhunt.test.postgres.url} or the environment variable
 * {@code FAIRHUNT_TEST_POSTGRES_URL} (a JDBC URL with user and password, e.g.
 * {@code jdbc:postgresql://localhost/fairhunt_test?user=u&password=p}); each run works in a schema of
 * its own and drops it.
 */
class BountyStoreTest {
    @TempDir
    Path tmp;

    /** A store on {@code db}, in a fresh schema for PostgreSQL; the cleanup drops that schema. */
    record Opened(BountyStore store, String url, Runnable cleanup) {
    }

    Opened open(String db) throws Exception {
        if (db.equals("sqlite")) {
            String url = "jdbc:sqlite:" + tmp.resolve("shared.db");
            return new Opened(BountyStore.open(url, new Properties()), url, () -> { });
        }
        TestPostgres.Schema schema = TestPostgres.schema("fh_test_");
        return new Opened(BountyStore.open(schema.url(), new Properties()), schema.url(), schema.cleanup());
    }

    static byte[] baseModel(FeatureSchema schema, Table train) {
        FeatureData d = schema.encode(train, true);
        return HunterKit.train(schema, d, IntStream.range(0, 200).toArray(), Learner.LOGISTIC, HunterKit.Options.defaults()).onnx();
    }

    @org.junit.jupiter.api.Test
    void a_program_at_schema_version_1_is_migrated_to_the_newest_on_open() throws Exception {
        Path dir = tmp.resolve("prog");
        double[] expected;
        try (Program p = ProgramTest.newProgram(dir, ProgramTest.settings())) {
            expected = p.engine().predictions(0).clone();
        }
        // Back to what migration 1 created: no stored base predictions, history at version 1.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Program.DB_FILE)); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE programs DROP COLUMN base_holdout_predictions");
            st.execute("DROP TABLE thresholdout_answers");
            st.execute("ALTER TABLE programs DROP COLUMN thresholdout_seed");
            st.execute("DELETE FROM " + BountyStore.HISTORY_TABLE + " WHERE version IN ('2', '3')");
        }
        try (Program p = Program.open(dir)) {
            assertArrayEquals(expected, p.engine().predictions(0), "the base model runs when no predictions are stored");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Program.DB_FILE)); Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT max(installed_rank), count(*) FROM " + BountyStore.HISTORY_TABLE
                        + " WHERE success = 1")) {
            rs.next();
            assertEquals(3, rs.getInt(2), "migrations 1, 2 and 3 recorded");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void thresholdout_answers_are_recorded_and_replayed_on_both_databases(String db) throws Exception {
        Opened o = open(db);
        try {
            ProgramSettings s = ProgramTest.settings().withThresholdout(new org.fairhunt.bounty.pdl.Thresholdout.Settings(0, 0.01, 2));
            int left;
            try (Program a = ProgramTest.newProgram(o.store(), "t", s)) {
                for (String g : new String[] {ProgramTest.SOUTHERN_WOMEN, "age > 50.0", "income < 30.0", "region == \"east\""}) {
                    try {
                        a.submit("red", GroupSpec.cel(g), ProgramTest.fit(a, g, Learner.TREE), "h.onnx");
                    } catch (UserInputException e) {
                        assertTrue(e.getMessage().startsWith("the program's Thresholdout budget of 2"), e.getMessage());
                    }
                }
                left = a.thresholdoutAnswersLeft();
            }
            try (BountyStore again = BountyStore.open(o.url(), new Properties()); Program a = Program.open(again, "t")) {
                a.engine();
                assertEquals(left, a.thresholdoutAnswersLeft());
                assertEquals(s, a.settings());
            }
        } finally {
            o.store().close();
            o.cleanup().run();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void two_programs_live_side_by_side_and_reopen_to_the_same_state(String db) throws Exception {
        Opened o = open(db);
        try {
            Table train = Synthetic.table("train.csv", 2000, 11);
            Table holdout = Synthetic.table("holdout.csv", 2000, 12);
            Table test = Synthetic.table("test.csv", 2000, 13);
            FeatureSchema schema = FeatureSchema.infer("deny", Task.CLASSIFICATION, train, holdout, test);
            byte[] base = baseModel(schema, train);
            double[] current;
            try (Program a = Program.create(o.store(), "a", ProgramTest.settings(), train, holdout, test, base, "base.onnx");
                    Program b = Program.create(o.store(), "b", ProgramTest.settings().withBudget(1), train, holdout, test, base, "base.onnx")) {
                FeatureData d = a.data("train");
                int[] rows = org.fairhunt.bounty.group.GroupPredicate.rows(
                        org.fairhunt.bounty.group.CelGroup.compile(ProgramTest.SOUTHERN_WOMEN, schema, a.settings().celLimits()).members(d));
                byte[] h = HunterKit.train(schema, d, rows, Learner.TREE, HunterKit.Options.defaults()).onnx();
                SubmissionResult r = a.submit("red", GroupSpec.cel(ProgramTest.SOUTHERN_WOMEN), h, "h.onnx");
                assertTrue(r.accepted(), String.valueOf(r.decision()));
                assertEquals(0, b.nodes().size(), "program b is untouched by a's decision");
                b.submit("red", GroupSpec.cel("region == \"north\""), base, "base.onnx");
                assertThrows(UserInputException.class, () -> b.submit("red", GroupSpec.cel("region == \"east\""), base, "base.onnx"));
                assertEquals(9, a.settings().budget() - a.submissionsBy("red"));
                current = a.engine().predictions(a.engine().currentVersion()).clone();
                assertThrows(UserInputException.class, () -> Program.create(o.store(), "a", ProgramTest.settings(), train, holdout, test,
                        base, "base.onnx"));
            }
            o.store().close();
            try (BountyStore again = BountyStore.open(o.url(), new Properties()); Program a = Program.open(again, "a")) {
                assertEquals(List.of("a", "b"), again.programNames());
                assertArrayEquals(current, a.engine().predictions(a.engine().currentVersion()));
                assertEquals(1, a.submissions().size());
                assertEquals("accepted", a.submissions().get(0).outcome());
            }
        } finally {
            o.store().close();
            o.cleanup().run();
        }
    }
}

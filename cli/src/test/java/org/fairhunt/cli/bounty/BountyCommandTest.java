package org.fairhunt.cli.bounty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.fairhunt.bounty.demo.BountyDemo;
import org.fairhunt.bounty.learn.HunterKit;
import org.fairhunt.bounty.learn.Learner;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.FeatureSchema;
import org.fairhunt.bounty.schema.Task;
import org.fairhunt.cli.CliRun;
import org.fairhunt.cli.Main;
import org.fairhunt.core.io.CsvWriter;
import org.fairhunt.core.io.TableReaders;
import org.fairhunt.core.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BountyCommandTest {
    static final String GROUP = "afam == \"yes\" && single == \"yes\"";

    @TempDir
    Path dir;

    private static void assertUserError(CliRun run, String expectedStart) {
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().startsWith("fairhunt: error: " + expectedStart), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace for a user mistake");
    }

    /** HMDA split in three CSV files and a weak base model (a depth-1 tree on 300 public rows). */
    private Path[] files() {
        Table hmda = BountyDemo.load();
        int n = hmda.rowCount();
        Path[] p = {dir.resolve("train.csv"), dir.resolve("holdout.csv"), dir.resolve("test.csv"), dir.resolve("base.onnx")};
        CsvWriter.write(hmda.rows(IntStream.range(0, n / 2).toArray()), p[0]);
        CsvWriter.write(hmda.rows(IntStream.range(n / 2, 3 * n / 4).toArray()), p[1]);
        CsvWriter.write(hmda.rows(IntStream.range(3 * n / 4, n).toArray()), p[2]);
        Table train = TableReaders.read(p[0]);
        FeatureSchema schema = FeatureSchema.infer("deny", Task.CLASSIFICATION, train, TableReaders.read(p[1]), TableReaders.read(p[2]));
        FeatureData d = schema.encode(train, true);
        byte[] base = HunterKit.train(schema, d, IntStream.range(0, 300).toArray(), Learner.TREE, new HunterKit.Options(1, 20, 1, 0.1, 1)).onnx();
        try {
            Files.write(p[3], base);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p;
    }

    @Test
    void a_program_runs_from_init_to_predict_on_the_command_line() throws Exception {
        Path[] f = files();
        String prog = dir.resolve("prog").toString();
        CliRun init = CliRun.of("bounty", "init", prog, "--train", f[0].toString(), "--holdout", f[1].toString(), "--test",
                f[2].toString(), "--label", "deny", "--base-model", f[3].toString(), "--min-group-size", "20",
                "--budget", "3");
        assertEquals(0, init.exit(), init.err());
        assertTrue(init.out().contains("13 features"), init.out());
        // The program directory holds the holdout: owner-only.
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(prog))));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(Path.of(prog, "program.db"))));
        // Hunters work from the public kit: training rows, schema, rules, current model; no holdout or test row.
        String kit = dir.resolve("kit").toString();
        CliRun kitRun = CliRun.of("bounty", "kit", prog, "--out", kit);
        assertEquals(0, kitRun.exit(), kitRun.err());
        try (var files = Files.walk(Path.of(kit))) {
            assertEquals(List.of("kit.json", "manifest.json", "train.csv", "train.split"), files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".onnx")).sorted().toList());
        }
        assertEquals(TableReaders.read(f[0]).rowCount(), TableReaders.read(Path.of(kit, "train.csv")).rowCount());
        String h = dir.resolve("h.onnx").toString();
        CliRun train = CliRun.of("bounty", "train", kit, "--group", GROUP, "--learner", "logistic", "--out", h);
        assertEquals(0, train.exit(), train.err());
        CliRun check = CliRun.of("bounty", "check", kit, "--group", GROUP, "--model", h);
        assertEquals(0, check.exit(), check.err());
        assertTrue(check.out().contains("On the public training rows"), check.out());
        assertEquals(check.out(), CliRun.of("bounty", "check", prog, "--group", GROUP, "--model", h).out(),
                "the kit and the program check alike");
        CliRun submit = CliRun.of("bounty", "submit", prog, "--team", "red", "--group", GROUP, "--model", h);
        assertEquals(0, submit.exit(), submit.err());
        assertTrue(submit.out().matches("(?s)submission 1 by team red: (accepted|rejected).*2 submission\\(s\\) left.*"), submit.out());

        // An empty group is decided (and charged) like a small one: its emptiness is not told.
        CliRun empty = CliRun.of("bounty", "submit", prog, "--team", "red", "--group", "afam == \"maybe\"", "--model", h);
        assertEquals(0, empty.exit(), empty.err());
        assertTrue(empty.out().matches("(?s)submission 2 by team red: rejected; 1 submission\\(s\\) left.*"), empty.out());
        assertUserError(CliRun.of("bounty", "submit", prog, "--team", "red", "--group", "race == \"x\"", "--model", h),
                "ERROR: group expression:1:1: undeclared reference to 'race'");
        Files.write(dir.resolve("junk.onnx"), new byte[] {1, 2, 3, 4, 5});
        assertUserError(CliRun.of("bounty", "submit", prog, "--team", "red", "--group", GROUP, "--model",
                dir.resolve("junk.onnx").toString()), dir.resolve("junk.onnx") + ": not an ONNX model");
        CliRun auto = CliRun.of("bounty", "auto", prog, "--team", "auto", "--rounds", "1");
        assertEquals(0, auto.exit(), auto.err());

        CliRun status = CliRun.of("bounty", "status", prog);
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().contains("Leaderboard") && status.out().contains("red") && status.out().contains("Teams x features"),
                status.out());

        CliRun json = CliRun.of("bounty", "status", prog, "--json", "--decisions");
        assertEquals(0, json.exit(), json.err());
        org.fairhunt.core.testing.SchemaAssert.assertValid(org.fairhunt.core.json.ResultKind.BOUNTY_STATUS, json.out());

        CliRun decisions = CliRun.of("bounty", "status", prog, "--decisions");
        assertTrue(decisions.out().contains("Decisions (operator only") && decisions.out().contains(GROUP), decisions.out());

        String model = dir.resolve("model").toString();
        assertEquals(0, CliRun.of("bounty", "export", prog, "--out", model).exit());
        Path predictions = dir.resolve("pred.csv");
        CliRun predict = CliRun.of("predict", model, f[1].toString(), "--out", predictions.toString());
        assertEquals(0, predict.exit(), predict.err());
        Table out = TableReaders.read(predictions);
        try (Program p = Program.open(dir.resolve("prog"))) {
            double[] engine = p.engine().predictions(p.engine().currentVersion());
            List<String> classes = p.schema().classes();
            String[] expected = Arrays.stream(engine).mapToObj(v -> classes.get((int) v)).toArray(String[]::new);
            String[] got = IntStream.range(0, out.rowCount()).mapToObj(i -> out.column("prediction").text(i)).toArray(String[]::new);
            assertEquals(Arrays.asList(expected), Arrays.asList(got));
        }
    }

    @Test
    void thresholdout_is_a_setting_of_init_and_a_bad_field_is_a_one_line_error() throws Exception {
        Path[] f = files();
        String prog = dir.resolve("prog").toString();
        assertUserError(CliRun.of("bounty", "init", prog, "--train", f[0].toString(), "--holdout", f[1].toString(), "--test",
                f[2].toString(), "--label", "deny", "--base-model", f[3].toString(), "--thresholdout", "threshold=0.02,sigma=-1,budget=5"),
                "--thresholdout sigma must be a number ≥ 0, got -1.0");
        assertUserError(CliRun.of("bounty", "init", prog, "--train", f[0].toString(), "--holdout", f[1].toString(), "--test",
                f[2].toString(), "--label", "deny", "--base-model", f[3].toString(), "--thresholdout", "threshold=0.02,sigma=0.01"),
                "--thresholdout needs threshold=T,sigma=S,budget=B; missing budget");
        assertFalse(Files.exists(Path.of(prog, "program.db")), "nothing created");
        CliRun init = CliRun.of("bounty", "init", prog, "--train", f[0].toString(), "--holdout", f[1].toString(), "--test",
                f[2].toString(), "--label", "deny", "--base-model", f[3].toString(), "--thresholdout", "threshold=0.02,sigma=0.01,budget=5");
        assertEquals(0, init.exit(), init.err());
        CliRun submit = CliRun.of("bounty", "submit", prog, "--team", "red", "--group", GROUP, "--model", f[3].toString());
        assertEquals(0, submit.exit(), submit.err());
        assertTrue(submit.out().contains(": rejected;"), submit.out());
        int left;
        try (org.fairhunt.bounty.program.Program p = org.fairhunt.bounty.program.Program.open(Path.of(prog))) {
            assertEquals(new org.fairhunt.bounty.pdl.Thresholdout.Settings(0.02, 0.01, 5), p.settings().thresholdout());
            assertTrue(p.thresholdoutAnswersLeft() >= 4, "one query answered");
            left = p.thresholdoutAnswersLeft();
        }
        // status shows the settings and the answers left, in text and JSON
        CliRun status = CliRun.of("bounty", "status", prog);
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().contains("Thresholdout (reusable holdout): threshold 0.0200, sigma 0.0100; " + left
                + " of 5 holdout answers left\n"), status.out());
        CliRun json = CliRun.of("bounty", "status", prog, "--json");
        assertEquals(0, json.exit(), json.err());
        assertEquals(left, org.fairhunt.core.json.Json.parse(json.out()).at("/thresholdout/answers_left").asInt(), json.out());
    }

    @Test
    void a_damaged_program_database_is_a_storage_error_with_exit_74_and_no_stack_trace() throws Exception {
        Path[] f = files();
        String prog = dir.resolve("prog").toString();
        assertEquals(0, CliRun.of("bounty", "init", prog, "--train", f[0].toString(), "--holdout", f[1].toString(), "--test",
                f[2].toString(), "--label", "deny", "--base-model", f[3].toString()).exit());
        try (java.io.RandomAccessFile db = new java.io.RandomAccessFile(dir.resolve("prog/program.db").toFile(), "rw")) {
            db.write(new byte[100]);
        }
        CliRun status = CliRun.of("bounty", "status", prog);
        assertEquals(Main.EXIT_STORAGE, status.exit(), status.err());
        assertTrue(status.err().startsWith("fairhunt: error: " + dir.resolve("prog/program.db") + ": cannot "), status.err());
        assertTrue(status.err().contains("from a backup") && !status.err().contains("\tat "), status.err());
    }

    @Test
    void the_bounty_demo_shows_accepted_and_rejected_submissions_and_the_leaderboard() {
        CliRun run = CliRun.of("demo", "bounty", "--out", dir.resolve("demo").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains(": accepted: "), run.out());
        assertTrue(run.out().contains(": rejected;"), run.out());
        // Repairs are pinned by PdlEngineTest; on the real data the holdout defences leave one accept and no repair.
        assertTrue(run.out().contains("Leaderboard"), run.out());
        assertTrue(Files.exists(dir.resolve("demo/model/manifest.json")));
    }
}

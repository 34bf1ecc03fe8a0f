package org.fairhunt.bounty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.fairhunt.bounty.group.GroupPredicate;
import org.fairhunt.bounty.learn.HunterKit;
import org.fairhunt.bounty.learn.Learner;
import org.fairhunt.bounty.pdl.PdlEngine;
import org.fairhunt.bounty.program.GroupSpec;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.schema.FeatureData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills child JVMs (SIGKILL) in the middle of streams of submissions — one child, then two submitting
 * at once — at seeded random moments, then reopens the program: every recorded node must replay to its recorded holdout error
 * (checked by {@link Program#engine()}), every accepted submission must have its accept node, and the
 * node versions must be contiguous and match the submissions' versions.
 */
@org.junit.jupiter.api.Tag("slow") // child JVMs killed at seeded moments (20-30 s)
class KillDuringSubmissionTest {
    static final List<String> GROUPS = List.of(ProgramTest.SOUTHERN_WOMEN, "age > 50.0", "income < 30.0", "region == \"east\"",
            "sex == \"m\" && age < 30.0");

    @TempDir
    Path tmp;

    @Test
    void killing_the_process_mid_submission_never_leaves_a_half_applied_update() throws Exception {
        Path dir = tmp.resolve("prog");
        try (Program p = ProgramTest.newProgram(dir, ProgramTest.settings().withBudget(100_000).withAlpha(0.002)
                .withAlphaFloorRows(1).withSignificance(1).withMinGroupDifference(0), 600)) {
            FeatureData train = p.data("train");
            Learner[] learners = {Learner.TREE, Learner.BOOSTED, Learner.LOGISTIC, Learner.TREE, Learner.BOOSTED};
            for (int k = 0; k < GROUPS.size(); k++) {
                int[] rows = GroupPredicate.rows(p.compileGroup(GroupSpec.cel(GROUPS.get(k))).members(train));
                Files.write(dir.resolve("h" + k + ".onnx"), HunterKit.train(p.schema(), train, rows, learners[k],
                        HunterKit.Options.defaults()).onnx());
            }
            Files.writeString(dir.resolve("groups.txt"), String.join("\n", GROUPS));
        }
        Random rnd = new Random(42);
        int totalSeen = 0;
        // Run 0: one child. Run 1: two children submitting at once (SQLite's write lock serializes them), killed together.
        for (int run = 0; run < 2; run++) {
            List<Process> children = new java.util.ArrayList<>();
            for (int c = 0; c <= run; c++) {
                children.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                        System.getProperty("java.class.path"), KillChild.class.getName(), dir.toString())
                        .redirectErrorStream(true).start());
            }
            for (Process child : children) {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                int lines = 0;
                int wanted = 2 + rnd.nextInt(3);
                String line;
                while (lines < wanted && (line = out.readLine()) != null) {
                    assertTrue(line.startsWith("submitted"), "child said: " + line);
                    lines++;
                }
                totalSeen += lines;
            }
            Thread.sleep(rnd.nextInt(150));
            for (Process child : children) {
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
        }
        try (Program p = Program.open(dir)) {
            PdlEngine e = p.engine();
            assertEquals(p.nodes().size(), e.currentVersion());
            assertTrue(p.submissions().size() >= totalSeen, p.submissions().size() + " recorded, " + totalSeen + " reported");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Program.DB_FILE));
                Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT count(*), coalesce(min(version), 1), coalesce(max(version), 0) FROM nodes");
            rs.next();
            assertEquals(rs.getInt(1), rs.getInt(3) - rs.getInt(2) + 1, "node versions have a gap");
            rs = st.executeQuery("SELECT count(*) FROM submissions s WHERE s.outcome = 'accepted' AND (SELECT count(*) FROM nodes n "
                    + "WHERE n.submission_id = s.id AND n.kind = 'accept') <> 1");
            rs.next();
            assertEquals(0, rs.getInt(1), "accepted submissions without exactly one accept node");
            rs = st.executeQuery("SELECT count(*) FROM submissions s WHERE s.version_after <> s.version_before + "
                    + "(SELECT count(*) FROM nodes n WHERE n.submission_id = s.id)");
            rs.next();
            assertEquals(0, rs.getInt(1), "submissions whose nodes are incomplete");
        }
    }
}

package org.fairhunt.bounty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.fairhunt.bounty.export.ExportedModel;
import org.fairhunt.bounty.learn.Learner;
import org.fairhunt.bounty.program.GroupSpec;
import org.fairhunt.bounty.program.Program;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL during {@code bounty export} at seeded random moments: every export folder that exists is
 * complete (it loads, and reproduces the program's holdout predictions bit for bit); a killed one is
 * at most a hidden temporary folder, which the next export to the same place removes.
 */
@org.junit.jupiter.api.Tag("slow") // child JVMs killed at seeded moments (20-30 s)
class KillDuringExportTest {
    @TempDir
    Path tmp;

    @Test
    void killing_an_export_never_leaves_a_half_written_model_folder() throws Exception {
        Path dir = tmp.resolve("prog");
        double[] expected;
        try (Program p = ProgramTest.newProgram(dir, ProgramTest.settings())) {
            for (String g : List.of(ProgramTest.SOUTHERN_WOMEN, "age > 50.0", "income < 30.0")) {
                p.submit("red", GroupSpec.cel(g), ProgramTest.fit(p, g, Learner.BOOSTED), "h.onnx");
            }
            expected = p.engine().predictions(p.engine().currentVersion()).clone();
        }
        Random rnd = new Random(7);
        int next = 0;
        int kills = 0;
        for (int run = 0; run < 6; run++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), KillExportChild.class.getName(), dir.toString(), Integer.toString(next))
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            // Let it finish a few exports, then kill it at a random moment of the next ones.
            int wanted = 1 + rnd.nextInt(3);
            for (int i = 0; i < wanted; i++) {
                String line = out.readLine();
                assertTrue(line != null && line.startsWith("exported"), "child said: " + line);
                next = Integer.parseInt(line.substring("exported ".length())) + 1;
            }
            Thread.sleep(rnd.nextInt(60));
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            kills++;
            // The killed child may have finished more exports than it reported: the next child starts past them.
            while (Files.exists(tmp.resolve("out-" + next))) {
                next++;
            }
        }
        int complete = 0;
        try (Program p = Program.open(dir)) {
            try (var entries = Files.list(tmp)) {
                for (Path out : entries.filter(f -> f.getFileName().toString().startsWith("out-")).toList()) {
                    try (ExportedModel m = ExportedModel.load(out)) {
                        assertArrayEquals(expected, m.predict(p.data("holdout")), out.toString());
                        complete++;
                    }
                }
            }
        }
        assertTrue(complete >= next, complete + " complete folders, " + next + " reported");
        assertEquals(6, kills);
    }
}

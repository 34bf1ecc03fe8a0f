package org.fairhunt.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.fairhunt.cli.CliRun;
import org.fairhunt.cli.JvmRun;
import org.fairhunt.cli.Main;
import org.fairhunt.core.io.AtomicFiles;
import org.fairhunt.core.testing.Slow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults while {@code audit} writes its reports (issue 11, section 2): whatever happens, each report is
 * the previous complete file or the new complete file, and a full disk is a clear error naming the file.
 */
class OutputFaultTest {
    private static final List<String> REPORTS = List.of("audit.json", "audit.md", "audit.html");

    @TempDir
    Path dir;

    /** Seeded data: 3 group attributes (4 x 5 x 6 values), every intersection, so the reports take a while to write. */
    private Path data(int rows) throws IOException {
        Random rnd = new Random(11);
        StringBuilder sb = new StringBuilder("y,p,s,a,b,c\n");
        for (int i = 0; i < rows; i++) {
            int y = rnd.nextInt(2);
            int p = rnd.nextDouble() < 0.8 ? y : 1 - y;
            sb.append(y).append(',').append(p).append(',').append(String.format("%.3f", rnd.nextDouble())).append(",a")
                    .append(rnd.nextInt(4)).append(",b").append(rnd.nextInt(5)).append(",c").append(rnd.nextInt(6)).append('\n');
        }
        return Files.writeString(dir.resolve("data.csv"), sb.toString());
    }

    private static List<String> auditArgs(Path data, Path out, int seed) {
        return List.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--score", "s", "--group", "a", "--group",
                "b", "--group", "c", "--intersections", "3", "--bootstrap", "40", "--seed", Integer.toString(seed), "--threads", "1",
                "--out", out.toString());
    }

    private static byte[][] read(Path out) throws IOException {
        byte[][] b = new byte[REPORTS.size()][];
        for (int i = 0; i < b.length; i++) {
            b[i] = Files.readAllBytes(out.resolve(REPORTS.get(i)));
        }
        return b;
    }

    /** Whether a report is being written: one of AtomicFiles' temporary files is in the folder. */
    private static boolean writing(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.anyMatch(AtomicFiles::isTemporary);
        }
    }

    private static Process start(List<String> args) throws IOException {
        return JvmRun.start(List.of("-Xmx1g"), args, false);
    }

    @Test
    @Slow
    void sigkill_at_random_moments_leaves_each_report_old_or_new_never_half() throws Exception {
        Path data = data(10_000);
        Path oldDir = dir.resolve("old");
        Path newDir = dir.resolve("new");
        assertEquals(0, CliRun.of(auditArgs(data, oldDir, 1).toArray(String[]::new)).exit());
        long t0 = System.nanoTime();
        Process full = start(auditArgs(data, newDir, 2));
        assertTrue(full.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, full.exitValue());
        long fullMillis = (System.nanoTime() - t0) / 1_000_000;
        byte[][] oldBytes = read(oldDir);
        byte[][] newBytes = read(newDir);
        for (int i = 0; i < REPORTS.size(); i++) {
            assertTrue(!Arrays.equals(oldBytes[i], newBytes[i]), "old and new " + REPORTS.get(i) + " must differ to tell them apart");
        }
        Random rnd = new Random(5);
        int kills = 8;
        int[] seen = new int[3]; // all old, mixed, all new
        int duringWrite = 0;
        for (int k = 0; k < kills; k++) {
            Path target = dir.resolve("run" + k);
            Files.createDirectories(target);
            for (int i = 0; i < REPORTS.size(); i++) {
                Files.write(target.resolve(REPORTS.get(i)), oldBytes[i]);
            }
            // Even kills: at a random moment from the middle of the run (reading, computing) to its end. Odd kills:
            // while the reports are being written: a random 0-20 ms or 0-1.5 s after the first temporary file appears.
            Process p = start(auditArgs(data, target, 2));
            long delay;
            if (k % 2 == 0) {
                delay = (long) (fullMillis * (0.4 + 0.6 * rnd.nextDouble()));
                p.waitFor(delay, TimeUnit.MILLISECONDS);
            } else {
                long begin = System.nanoTime();
                while (p.isAlive() && !writing(target)) {
                    Thread.sleep(0, 200_000);
                }
                Thread.sleep(k % 4 == 1 ? rnd.nextInt(21) : rnd.nextInt(1500));
                delay = (System.nanoTime() - begin) / 1_000_000;
            }
            if (p.isAlive()) {
                duringWrite += writing(target) ? 1 : 0;
                p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
                p.waitFor();
            }
            int news = 0;
            for (int i = 0; i < REPORTS.size(); i++) {
                byte[] now = Files.readAllBytes(target.resolve(REPORTS.get(i)));
                boolean isOld = Arrays.equals(now, oldBytes[i]);
                boolean isNew = Arrays.equals(now, newBytes[i]);
                assertTrue(isOld || isNew, REPORTS.get(i) + " after a kill at " + delay + " ms is neither the old nor the new file ("
                        + now.length + " bytes; old " + oldBytes[i].length + ", new " + newBytes[i].length + ")");
                news += isNew ? 1 : 0;
            }
            seen[news == 0 ? 0 : news == REPORTS.size() ? 2 : 1]++;
            try (var files = Files.list(target)) {
                files.filter(f -> !REPORTS.contains(f.getFileName().toString()))
                        .forEach(f -> assertTrue(AtomicFiles.isTemporary(f), "unexpected file " + f));
            }
        }
        System.out.printf("SIGKILL during audit --out: %d kills (full run %d ms; %d while a temporary report file was open): %d left"
                + " the old reports, %d a mix of old and new whole files, %d the new ones; truncated files: 0%n", kills, fullMillis,
                duringWrite, seen[0], seen[1], seen[2]);
    }

    @Test
    void full_disk_is_a_clear_error_naming_the_file_and_the_previous_reports_stay() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "the disk-full test mounts a small tmpfs, which needs root");
        Path mount = Files.createDirectory(dir.resolve("small"));
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String mountOut = new String(m.getInputStream().readAllBytes());
        assumeTrue(m.waitFor() == 0, "cannot mount a tmpfs here (" + mountOut.strip() + "); disk-full test skipped");
        try {
            Path data = data(4_000);
            Path out = mount.resolve("reports");
            // A small audit fits; the one with every intersection does not.
            CliRun small = CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "a", "--out",
                    out.toString());
            assertEquals(0, small.exit(), small.err());
            byte[][] before = read(out);
            CliRun big = CliRun.of(auditArgs(data, out, 1).toArray(String[]::new));
            assertEquals(Main.EXIT_STORAGE, big.exit(), big.err());
            String err = big.err().strip();
            assertTrue(err.matches("fairhunt: error: cannot write " + java.util.regex.Pattern.quote(out.toString())
                    + "/audit\\.(json|md|html): no space left on device; the previous audit\\.(json|md|html) is unchanged"), err);
            assertTrue(!err.contains("\tat "), "no stack trace");
            byte[][] after = read(out);
            Path roomy = dir.resolve("roomy");
            assertEquals(0, CliRun.of(auditArgs(data, roomy, 1).toArray(String[]::new)).exit());
            byte[][] complete = read(roomy);
            for (int i = 0; i < REPORTS.size(); i++) {
                // The previous file, or (for one written before the disk filled) the new complete one.
                assertTrue(Arrays.equals(before[i], after[i]) || Arrays.equals(complete[i], after[i]),
                        REPORTS.get(i) + " is neither the previous nor the new complete file");
            }
            try (var files = Files.list(out)) {
                assertEquals(REPORTS.size(), files.count(), "no temporary file left behind");
            }
        } finally {
            new ProcessBuilder("umount", mount.toString()).start().waitFor();
        }
    }
}

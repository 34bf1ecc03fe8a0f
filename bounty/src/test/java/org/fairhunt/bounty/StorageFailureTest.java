package org.fairhunt.bounty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.fairhunt.bounty.learn.Learner;
import org.fairhunt.bounty.program.GroupSpec;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.SplitFormat;
import org.fairhunt.core.StorageException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage failures are storage errors naming the file and what to do (issue 11 §4): a damaged
 * {@code program.db}, a damaged split, and a disk that fills up during a submission's commit (a small
 * tmpfs, mounted by the test when it runs as root).
 */
class StorageFailureTest {
    @TempDir
    Path tmp;

    @Test
    void a_damaged_database_file_is_a_storage_error_naming_it() throws IOException {
        Path dir = tmp.resolve("prog");
        ProgramTest.newProgram(dir, ProgramTest.settings()).close();
        Path db = dir.resolve(Program.DB_FILE);
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            f.seek(0);
            f.write(new byte[100]);
        }
        StorageException e = assertThrows(StorageException.class, () -> Program.open(dir).close());
        assertTrue(e.getMessage().startsWith(db + ": cannot "), e.getMessage());
        assertTrue(e.getMessage().contains("damaged") && e.getMessage().contains("restore " + db + " from a backup"), e.getMessage());
    }

    @Test
    void a_damaged_page_inside_the_database_is_a_storage_error_too() throws IOException {
        Path dir = tmp.resolve("prog");
        ProgramTest.newProgram(dir, ProgramTest.settings()).close();
        Path db = dir.resolve(Program.DB_FILE);
        long size = Files.size(db);
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            // Every page after the first (schema) page: the splits' and models' blobs and the b-tree pages that hold them.
            byte[] junk = new byte[4096];
            java.util.Arrays.fill(junk, (byte) 0x5a);
            for (long at = 4096; at < size; at += 4096) {
                f.seek(at);
                f.write(junk);
            }
        }
        StorageException e = assertThrows(StorageException.class, () -> {
            try (Program p = Program.open(dir)) {
                p.engine();
            }
        });
        assertTrue(e.getMessage().startsWith(db.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("restore"), e.getMessage());
    }

    @Test
    void what_a_killed_init_or_atomic_write_left_is_removed_on_the_next_open() throws IOException {
        Path dir = tmp.resolve("prog");
        ProgramTest.newProgram(dir, ProgramTest.settings()).close();
        Path creating = Files.writeString(dir.resolve(Program.DB_FILE + ".creating"), "half a database");
        Path temp = Files.writeString(dir.resolve(".h.onnx.12345.tmp"), "half a model");
        Program.open(dir).close();
        assertTrue(!Files.exists(creating) && !Files.exists(temp), "leftovers removed");
        assertTrue(Files.exists(dir.resolve(Program.DB_FILE)));
    }

    @Test
    void a_damaged_split_block_fails_its_checksum() {
        try (Program p = ProgramTest.newProgram(tmp.resolve("prog"), ProgramTest.settings())) {
            FeatureData train = p.data("train");
            byte[] bytes = SplitFormat.write(train);
            bytes[bytes.length / 2] ^= 1;
            String m = assertThrows(StorageException.class, () -> SplitFormat.read(p.schema(), "x", bytes)).getMessage();
            assertEquals("x: the stored split is damaged (checksum mismatch); restore the program from a backup", m);
            byte[] other = SplitFormat.write(train);
            other[8] = 2;
            String v = assertThrows(StorageException.class, () -> SplitFormat.read(p.schema(), "x", other)).getMessage();
            assertTrue(v.startsWith("x: split format version 2, but this Fairhunt reads version 1"), v);
        }
    }

    @Test
    void a_full_disk_during_a_submission_changes_nothing_and_says_so() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "full-disk test skipped: mounting a small tmpfs needs root");
        Path mount = tmp.resolve("small-disk");
        Files.createDirectories(mount);
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", mount.toString()).inheritIO().start();
        Assumptions.assumeTrue(m.waitFor(30, TimeUnit.SECONDS) && m.exitValue() == 0, "full-disk test skipped: mount failed");
        try {
            Path dir = mount.resolve("prog");
            byte[] h;
            try (Program p = ProgramTest.newProgram(dir, ProgramTest.settings())) {
                h = ProgramTest.fit(p, ProgramTest.SOUTHERN_WOMEN, Learner.TREE);
            }
            // Fill the disk, leaving less than a page.
            try (OutputStream out = Files.newOutputStream(mount.resolve("filler"))) {
                byte[] block = new byte[4096];
                while (true) {
                    out.write(block);
                    out.flush();
                }
            } catch (IOException full) {
                // the disk is full
            }
            try (Program p = Program.open(dir)) {
                StorageException e = assertThrows(StorageException.class,
                        () -> p.submit("red", GroupSpec.cel(ProgramTest.SOUTHERN_WOMEN), h, "h.onnx"));
                assertTrue(e.getMessage().startsWith(dir.resolve(Program.DB_FILE) + ": cannot record the submission: "), e.getMessage());
                assertTrue(e.getMessage().contains("nothing was changed") && e.getMessage().contains("free some space"), e.getMessage());
            }
            Files.delete(mount.resolve("filler"));
            try (Program p = Program.open(dir)) {
                assertEquals(0, p.submissions().size());
                assertTrue(p.submit("red", GroupSpec.cel(ProgramTest.SOUTHERN_WOMEN), h, "h.onnx").accepted());
            }
        } finally {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }
}

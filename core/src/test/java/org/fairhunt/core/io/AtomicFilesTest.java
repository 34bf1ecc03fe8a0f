package org.fairhunt.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.fairhunt.core.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writes_new_file_and_replaces_old_one_leaving_no_temporary() throws IOException {
        Path f = dir.resolve("out.json");
        AtomicFiles.writeString(f, "first");
        assertEquals("first", Files.readString(f));
        AtomicFiles.writeText(f, w -> w.write("second ü"));
        assertEquals("second ü", Files.readString(f, StandardCharsets.UTF_8));
        assertEquals(List.of(f), list());
    }

    @Test
    void the_temporary_file_is_hidden_owner_only_and_recognised_while_it_is_written() throws IOException {
        Path f = dir.resolve("report.html");
        java.util.List<String> seen = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            AtomicFiles.write(f, out -> {
                List<Path> files = list().stream().filter(p -> !p.equals(f)).toList();
                assertEquals(1, files.size(), files::toString);
                Path tmp = files.get(0);
                String name = tmp.getFileName().toString();
                assertTrue(name.matches("\\.report\\.html\\.[0-9]+\\.tmp"), name);
                assertTrue(AtomicFiles.isTemporary(tmp));
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp)));
                seen.add(name);
                out.write(1);
            });
        }
        assertEquals(3, new java.util.HashSet<>(seen).size(), "a new name each time: " + seen);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(List.of(f), list());
    }

    @Test
    void failure_while_writing_keeps_previous_file_and_removes_temporary() throws IOException {
        Path f = dir.resolve("out.csv");
        AtomicFiles.writeString(f, "old complete");
        StorageException e = assertThrows(StorageException.class, () -> AtomicFiles.write(f, out -> {
            out.write("new, half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        }));
        assertEquals("cannot write " + f + ": no space left on device; the previous out.csv is unchanged", e.getMessage());
        assertEquals("old complete", Files.readString(f));
        assertEquals(List.of(f), list());
    }

    @Test
    void runtime_exception_from_content_passes_unchanged_and_previous_file_stays() throws IOException {
        Path f = dir.resolve("a.md");
        AtomicFiles.writeString(f, "old");
        IllegalStateException boom = new IllegalStateException("boom");
        assertEquals(boom, assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, out -> {
            throw boom;
        })));
        assertEquals("old", Files.readString(f));
        assertEquals(List.of(f), list());
    }

    @Test
    void missing_folder_and_folder_target_are_named() {
        Path f = dir.resolve("no/such/x.json");
        StorageException e = assertThrows(StorageException.class, () -> AtomicFiles.writeString(f, "x"));
        assertEquals("cannot write " + f + ": no such file or folder", e.getMessage());
        StorageException d = assertThrows(StorageException.class, () -> AtomicFiles.writeString(dir, "x"));
        assertEquals("cannot write " + dir + ": it is a folder", d.getMessage());
    }

    @Test
    void read_only_folder_is_a_storage_error_naming_the_file() throws IOException {
        if ("root".equals(System.getProperty("user.name"))) {
            return; // root writes anywhere; the permission case cannot happen
        }
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Path f = ro.resolve("x.html");
        Files.writeString(f, "old");
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            StorageException e = assertThrows(StorageException.class, () -> AtomicFiles.writeString(f, "new"));
            assertEquals("cannot write " + f + ": permission denied; the previous x.html is unchanged", e.getMessage());
            assertEquals("old", Files.readString(f));
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void permissions_kept_on_replace_and_given_ones_applied() throws IOException {
        Path f = dir.resolve("p");
        AtomicFiles.writeString(f, "a");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.writeString(f, "b");
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        AtomicFiles.write(f, PosixFilePermissions.fromString("rw-------"), out -> out.write('c'));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals("c", Files.readString(f));
    }

    @Test
    void temporary_names_are_recognised() {
        assertTrue(AtomicFiles.isTemporary(Path.of("/x/.audit.json.123456.tmp")));
        assertFalse(AtomicFiles.isTemporary(Path.of("/x/audit.json")));
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}

package org.fairhunt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./fairhunt} launcher in a copy of the project layout whose jar is {@link LauncherProbe}: it records
 * the class-data-sharing archive once per jar and JVM, uses it, survives a damaged one, unpacks the native
 * libraries, and picks the JVM settings by command and input size.
 */
class LauncherTest {
    @TempDir
    Path root;

    Path jar;

    /** The compiler directives the launcher gives a bootstrap audit, relative to the project root. */
    static final String DIRECTIVES = "cli/src/main/jvm/hot-loops.json";

    record Run(int exit, Map<String, String> values, String err) {
    }

    @BeforeEach
    void layout() throws IOException {
        Path launcher = Path.of("").toAbsolutePath().getParent().resolve("fairhunt");
        Files.copy(launcher, root.resolve("fairhunt"));
        Files.setPosixFilePermissions(root.resolve("fairhunt"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path directives = root.resolve(DIRECTIVES);
        Files.createDirectories(directives.getParent());
        Files.copy(Path.of("").toAbsolutePath().resolve("src/main/jvm/hot-loops.json"), directives);
        Files.setLastModifiedTime(directives, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        jar = root.resolve("cli/target/fairhunt.jar");
        Files.createDirectories(jar.getParent());
        writeJar();
    }

    /** The probe as the runnable jar, with stand-ins for the native libraries where the real jar has them. */
    private void writeJar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
        String probe = LauncherProbe.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                InputStream in = LauncherProbe.class.getClassLoader().getResourceAsStream(probe)) {
            out.putNextEntry(new JarEntry(probe));
            in.transferTo(out);
            for (String lib : List.of("org/sqlite/native/Linux/x86_64/libsqlitejdbc.so", "ai/onnxruntime/native/linux-x64/libonnxruntime.so",
                    "ai/onnxruntime/native/linux-x64/libonnxruntime4j_jni.so")) {
                out.putNextEntry(new JarEntry(lib));
                out.write(lib.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", root.resolve("fairhunt").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        pb.environment().remove("FAIRHUNT_JAVA_OPTS");
        pb.environment().putAll(env);
        pb.redirectError(root.resolve("err.txt").toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher did not end");
        Map<String, String> values = new java.util.HashMap<>();
        out.lines().filter(l -> l.contains("=")).forEach(l -> values.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return new Run(p.exitValue(), values, Files.readString(root.resolve("err.txt")));
    }

    private Run run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    @Test
    void records_the_archive_once_per_jar_uses_it_and_runs_without_a_usable_one() throws Exception {
        Path jsa = root.resolve("cli/target/fairhunt.jsa");
        Run first = run("--version");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.err().contains("recording the start-up archive"), first.err());
        assertTrue(Files.size(jsa) > 0);
        assertEquals("true", first.values().get("UseSharedSpaces"));
        assertEquals("--version", first.values().get("args"));

        FileTime recorded = Files.getLastModifiedTime(jsa);
        Run second = run("audit", "x.csv");
        assertEquals("", second.err());
        assertEquals("true", second.values().get("UseSharedSpaces"));
        assertEquals("0", second.values().get("ArchiveRelocationMode"), "the archive is mapped where it was dumped, not relocated");
        assertEquals(recorded, Files.getLastModifiedTime(jsa), "not recorded again");

        // A rebuilt jar: the archive no longer matches, so it is recorded again.
        writeJar();
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 2000));
        Run rebuilt = run("--version");
        assertTrue(rebuilt.err().contains("recording the start-up archive"), rebuilt.err());
        assertEquals("true", rebuilt.values().get("UseSharedSpaces"));

        // A damaged archive (same stamp): the JVM runs without it, silently.
        Files.setPosixFilePermissions(jsa, PosixFilePermissions.fromString("rw-r--r--"));
        Files.write(jsa, new byte[4096]);
        Run damaged = run("audit", "x.csv");
        assertEquals(0, damaged.exit());
        assertEquals("", damaged.err());
        assertEquals("false", damaged.values().get("UseSharedSpaces"));
        assertEquals("audit x.csv", damaged.values().get("args"));
    }

    @Test
    void unpacks_the_native_libraries_once_and_points_sqlite_and_onnx_runtime_at_them() throws Exception {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the stand-in libraries are the Linux x86-64 ones");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unzip")), "unzip unpacks them");
        Run r = run("--version");
        Path sqlite = Path.of(r.values().get("sqlite"));
        Path onnx = Path.of(r.values().get("onnxruntime"));
        assertEquals("org/sqlite/native/Linux/x86_64/libsqlitejdbc.so", Files.readString(sqlite.resolve("libsqlitejdbc.so")));
        assertEquals("ai/onnxruntime/native/linux-x64/libonnxruntime4j_jni.so", Files.readString(onnx.resolve("libonnxruntime4j_jni.so")));
        assertTrue(sqlite.startsWith(root.resolve("cli/target")), sqlite.toString());
    }

    @Test
    void start_up_bound_commands_and_modest_inputs_get_c1_and_the_serial_collector_large_inputs_the_default() throws Exception {
        Path small = Files.writeString(root.resolve("small.csv"), "y,p\n1,0\n");
        Path medium = sparse("medium.csv", 50);
        Path large = sparse("large.csv", 130);
        Path gzipped = sparse("large.csv.gz", 17);
        Run smallAudit = run("audit", small.toString(), "--label", "y");
        assertEquals("1", smallAudit.values().get("TieredStopAtLevel"));
        assertEquals("true", smallAudit.values().get("UseSerialGC"));
        assertEquals("1", run("audit", medium.toString(), "--label", "y").values().get("TieredStopAtLevel"));
        Run mediumBootstrap = run("audit", medium.toString(), "--bootstrap", "200");
        assertEquals("4", mediumBootstrap.values().get("TieredStopAtLevel"), "bootstrap replicates make the same rows C2's work");
        assertEquals("true", mediumBootstrap.values().get("UseSerialGC"));
        assertEquals(root.resolve(DIRECTIVES).toString(), mediumBootstrap.values().get("CompilerDirectivesFile"),
                "but only the replicate loops go to C2");
        assertEquals(Set.of("UseSharedSpaces", "TieredStopAtLevel", "UseSerialGC", "MaxHeapSize", "CICompilerCount", "CompilerDirectivesFile",
                "ArchiveRelocationMode", "sqlite", "onnxruntime", "args"), mediumBootstrap.values().keySet(), "the JVM prints nothing of its own on stdout");
        assertEquals("", mediumBootstrap.err());
        assertEquals("4", run("audit", medium.toString(), "--bootstrap=200").values().get("TieredStopAtLevel"));
        Run largeBootstrap = run("audit", large.toString(), "--bootstrap", "200");
        assertEquals("false", largeBootstrap.values().get("UseSerialGC"), "a large file gets the whole C2 and G1");
        assertEquals("", largeBootstrap.values().get("CompilerDirectivesFile"));
        assertEquals("", smallAudit.values().get("CompilerDirectivesFile"));
        assertEquals("1", run("audit", medium.toString(), "--bootstrap", "0").values().get("TieredStopAtLevel"));
        assertEquals("4", run("audit", large.toString(), "--label", "y").values().get("TieredStopAtLevel"));
        assertEquals("4", run("slices", "--data=" + gzipped).values().get("TieredStopAtLevel"), "a .gz file counts 8 times its size");
        assertEquals("4", run("wer", "--ref", large.toString(), "--hyp", small.toString()).values().get("TieredStopAtLevel"));
        Run submit = run("bounty", "submit", "prog", "--model=" + large);
        assertEquals("1", submit.values().get("TieredStopAtLevel"));
        assertEquals("1", submit.values().get("CICompilerCount"), "a start-up-bound command gets one compiler thread");
        assertEquals("1", smallAudit.values().get("TieredStopAtLevel"));
        assertEquals("2", smallAudit.values().get("CICompilerCount"), "an audit keeps two");
        assertEquals("4", run("bounty", "auto", "prog").values().get("TieredStopAtLevel"));
        Run serve = run("serve");
        assertEquals("4", serve.values().get("TieredStopAtLevel"));
        assertEquals(String.valueOf(8L << 30), serve.values().get("MaxHeapSize"));
        Run own = run(Map.of("FAIRHUNT_JAVA_OPTS", "-Xmx64m"), "audit", small.toString());
        assertEquals("4", own.values().get("TieredStopAtLevel"), "FAIRHUNT_JAVA_OPTS replaces the chosen settings");
        assertEquals(String.valueOf(64L << 20), own.values().get("MaxHeapSize"));
        assertEquals("true", own.values().get("UseSharedSpaces"), "and keeps the archive");
        assertEquals("0", own.values().get("ArchiveRelocationMode"), "mapped as recorded");
        assertEquals("audit " + small, own.values().get("args"));
    }

    @Test
    void every_method_the_compiler_directives_name_exists() throws Exception {
        String text = Files.readString(Path.of("").toAbsolutePath().resolve("src/main/jvm/hot-loops.json"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(org/[^\"]+)\"").matcher(text);
        int patterns = 0;
        while (m.find()) {
            String pattern = m.group(1);
            int dot = pattern.lastIndexOf('.');
            Class<?> owner = Class.forName(pattern.substring(0, dot).replace('/', '.'), false, getClass().getClassLoader());
            String method = pattern.substring(dot + 1);
            assertTrue(method.equals("*") || java.util.Arrays.stream(owner.getDeclaredMethods()).anyMatch(x -> x.getName().equals(method)),
                    pattern + " names no method: a renamed loop would silently lose C2");
            patterns++;
        }
        assertTrue(patterns >= 8, "patterns found: " + patterns);
    }

    /** A file of {@code mib} MiB that takes no disk space. */
    private Path sparse(String name, int mib) throws IOException {
        Path file = root.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength((long) mib << 20);
        }
        return file;
    }
}

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
    /** The test's folder; the default project layout is this folder itself. */
    @TempDir
    Path base;

    /** The project root the launcher is in. */
    Path root;

    Path jar;

    /** The compiler directives the launcher gives a bootstrap audit, relative to the project root. */
    static final String DIRECTIVES = "cli/src/main/jvm/hot-loops.json";

    record Run(int exit, Map<String, String> values, String err) {
    }

    @BeforeEach
    void layout() throws IOException {
        layout(base);
    }

    /** The launcher, the compiler directives (an hour old) and the probe jar in {@code project}, which becomes the root. */
    private void layout(Path project) throws IOException {
        root = project;
        Files.createDirectories(root);
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
        return run(env, root, root.resolve("fairhunt").toString(), args);
    }

    /**
     * Runs the launcher as {@code bash LAUNCHER ARGS...} in {@code dir}, with the test's JVM first on the PATH
     * (an env entry "PATH" replaces the whole PATH); stdout's KEY=VALUE lines become {@link Run#values()}.
     */
    private Run run(Map<String, String> env, Path dir, String launcher, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(BASH, launcher));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        pb.environment().remove("FAIRHUNT_JAVA_OPTS");
        pb.environment().remove("FAIRHUNT_LAUNCHER_DRY_RUN");
        pb.environment().putAll(env);
        Path err = base.resolve("err.txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher did not end");
        Map<String, String> values = new java.util.HashMap<>();
        out.lines().filter(l -> l.contains("=")).forEach(l -> values.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        if (out.startsWith("java ")) {
            values.put("dry run", out.strip());
        }
        return new Run(p.exitValue(), values, Files.readString(err));
    }

    /** bash by its full path: the PATH given to a run may hold only a few tools. */
    private static final String BASH = java.util.stream.Stream.of(System.getenv("PATH").split(":"))
            .map(d -> Path.of(d, "bash")).filter(Files::isExecutable).findFirst().orElse(Path.of("/bin/bash")).toString();

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
        assertEquals(LauncherProbe.class.getName() + " --version", r.values().get("command"),
                "the jar's Main-Class, read once with unzip, is started as a class on the class path, not with -jar");
        Files.delete(root.resolve("cli/target/fairhunt.jsa.main"));
        assertEquals(jar + " --version", run("--version").values().get("command"), "without it, -jar as before");
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
                "ArchiveRelocationMode", "sqlite", "onnxruntime", "command", "args"), mediumBootstrap.values().keySet(), "the JVM prints nothing of its own on stdout");
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
        Run version = run("--version");
        assertEquals("false", version.values().get("UseSerialGC"), "--version alone gets G1, which maps the archive's heap objects");
        assertEquals("1", version.values().get("TieredStopAtLevel"));
        assertEquals("true", version.values().get("UseSharedSpaces"));
        assertEquals("true", run("--version", "audit").values().get("UseSerialGC"), "anything more builds a command: serial");
        assertEquals("true", run("-V", "x").values().get("UseSerialGC"));
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
    void a_project_path_with_spaces_reached_by_dots_a_linked_script_or_a_linked_folder_uses_one_archive() throws Exception {
        layout(base.resolve("fair hunt"));
        Path jsa = root.resolve("cli/target/fairhunt.jsa");
        Run first = run("--version");
        assertTrue(first.err().contains("recording the start-up archive"), first.err());
        FileTime recorded = Files.getLastModifiedTime(jsa);
        Path linkedScript = Files.createDirectories(base.resolve("bin dir")).resolve("fh");
        Files.createSymbolicLink(linkedScript, root.resolve("fairhunt"));
        Path linkedFolder = Files.createSymbolicLink(base.resolve("linked project"), root);
        Map<String, String[]> ways = Map.of(
                "relative, from a subfolder", new String[] {root.resolve("cli").toString(), "../fairhunt"},
                "with dots", new String[] {root.toString(), "./cli/.././/fairhunt"},
                "through a linked script", new String[] {base.toString(), linkedScript.toString()},
                "through a linked folder", new String[] {base.toString(), "linked project/fairhunt"});
        for (Map.Entry<String, String[]> way : ways.entrySet()) {
            Run r = run(Map.of(), Path.of(way.getValue()[0]), way.getValue()[1], "audit", "x.csv");
            assertEquals(0, r.exit(), way.getKey() + ": " + r.err());
            assertEquals("", r.err(), way.getKey());
            assertEquals("true", r.values().get("UseSharedSpaces"), way.getKey());
            assertEquals(first.values().get("sqlite"), r.values().get("sqlite"), way.getKey() + ": the physical root");
            assertEquals("audit x.csv", r.values().get("args"), way.getKey());
        }
        assertEquals(recorded, Files.getLastModifiedTime(jsa), "never recorded again");
        assertTrue(Files.isSymbolicLink(linkedFolder));

        Path medium = sparse("my data.csv", 50);
        Path large = sparse("big data.csv", 130);
        Run modest = run("wer", "--ref", medium.toString(), "--hyp=" + medium);
        assertEquals("1", modest.values().get("TieredStopAtLevel"));
        assertEquals("wer --ref " + medium + " --hyp=" + medium, modest.values().get("args"));
        assertEquals("4", run("wer", "--ref", large.toString(), "--hyp", medium.toString()).values().get("TieredStopAtLevel"),
                "180 MB of input in files whose names have spaces");
        Run dry = run(Map.of("FAIRHUNT_LAUNCHER_DRY_RUN", "1"), "wer", "--ref", medium.toString());
        assertEquals(0, dry.exit());
        String launch = Files.exists(root.resolve("cli/target/fairhunt.jsa.main")) ? "-cp " + jar + " " + LauncherProbe.class.getName()
                : "-jar " + jar;
        assertTrue(dry.values().get("dry run").endsWith(" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xmx8g -Xmn200m "
                + launch + " wer --ref " + medium), dry.values().get("dry run"));
        assertEquals(null, dry.values().get("UseSharedSpaces"), "printed, not run");
    }

    @Test
    void a_main_source_or_a_pom_newer_than_the_jar_makes_it_stale_a_test_source_does_not() throws Exception {
        // A PATH with no Maven: a stale jar is then an error naming what the build needs, which shows the check's answer.
        Path tools = Files.createDirectories(base.resolve("tools"));
        for (String tool : List.of("find", "stat", "readlink")) {
            Files.createSymbolicLink(tools.resolve(tool), onPath(tool));
        }
        Files.createSymbolicLink(tools.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        Map<String, String> noMaven = Map.of("PATH", tools.toString());
        assertEquals(0, run("--version").exit());
        long past = System.currentTimeMillis() - 3_600_000;
        Path test = write("core/src/test/java/ATest.java", System.currentTimeMillis() + 60_000);
        Run fresh = run(noMaven, "--version");
        assertEquals(0, fresh.exit(), fresh.err());
        assertEquals("true", fresh.values().get("UseSharedSpaces"));
        Files.delete(tools.resolve("readlink"));
        Run bare = run(noMaven, "--version");
        assertEquals("", bare.err(), "a call needs no program but java, find and stat once `java` was resolved");
        assertEquals("true", bare.values().get("UseSharedSpaces"));
        assertEquals("--version", bare.values().get("args"));

        Path source = write("core/src/main/java/A.java", past);
        assertEquals(0, run(noMaven, "--version").exit(), "an old source");
        Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertStale(run(noMaven, "--version"), "an edited source");
        Files.setLastModifiedTime(source, FileTime.fromMillis(past));
        assertEquals(0, run(noMaven, "--version").exit());
        Files.delete(source);
        assertStale(run(noMaven, "--version"), "a deleted source (its folder changed)");
        Files.setLastModifiedTime(source.getParent(), FileTime.fromMillis(past));
        assertEquals(0, run(noMaven, "--version").exit());
        Path pom = write("speech/pom.xml", System.currentTimeMillis() + 60_000);
        assertStale(run(noMaven, "--version"), "a module's pom");
        Files.setLastModifiedTime(pom, FileTime.fromMillis(past));
        assertEquals(0, run(noMaven, "--version").exit());
        write("pom.xml", System.currentTimeMillis() + 60_000);
        assertStale(run(noMaven, "--version"), "the root pom");
        assertTrue(Files.exists(test));
    }

    private static void assertStale(Run run, String what) {
        assertEquals(2, run.exit(), what);
        assertTrue(run.err().startsWith("fairhunt: building the jar needs a JDK 17+ and Maven"), what + ": " + run.err());
    }

    /** A file under the root with this time; the folders it adds or changes get an hour-old time (else newer than the jar). */
    private Path write(String name, long millis) throws IOException {
        Path file = root.resolve(name);
        Path existing = file.getParent();
        while (Files.notExists(existing)) {
            existing = existing.getParent();
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.fromMillis(millis));
        FileTime past = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        for (Path dir = file.getParent(); dir.startsWith(existing); dir = dir.getParent()) {
            Files.setLastModifiedTime(dir, past);
        }
        return file;
    }

    @Test
    void another_jvm_or_a_changed_one_records_the_archive_again() throws Exception {
        Path a = fakeJdk("jdk a");
        Path b = fakeJdk("jdk b");
        Path pathBin = Files.createDirectories(base.resolve("path bin"));
        Path java = Files.createSymbolicLink(pathBin.resolve("java"), a.resolve("bin/java"));
        Map<String, String> env = Map.of("PATH", pathBin + ":" + System.getenv("PATH"));
        Path stamp = root.resolve("cli/target/fairhunt.jsa.stamp");
        assertRecorded(run(env, "--version"), true, "first call");
        assertTrue(Files.readString(stamp).contains(a.resolve("lib/server/libjvm.so").toString()), Files.readString(stamp));
        assertRecorded(run(env, "--version"), false, "same JVM");

        // A package update: the same path and time, another size.
        Path libjvm = a.resolve("lib/server/libjvm.so");
        FileTime time = Files.getLastModifiedTime(libjvm);
        Files.writeString(libjvm, "libjvm of the updated package");
        Files.setLastModifiedTime(libjvm, time);
        assertRecorded(run(env, "--version"), true, "updated JVM");
        assertRecorded(run(env, "--version"), false, "same JVM");

        // Another JDK behind the same PATH entry (update-alternatives): resolved afresh, not from the cached path.
        Files.delete(java);
        Files.createSymbolicLink(java, b.resolve("bin/java"));
        assertRecorded(run(env, "--version"), true, "other JVM");
        assertTrue(Files.readString(stamp).contains(b.resolve("lib/server/libjvm.so").toString()), Files.readString(stamp));
        assertRecorded(run(env, "--version"), false, "same JVM");
    }

    private static void assertRecorded(Run run, boolean recorded, String what) {
        assertEquals(0, run.exit(), what + ": " + run.err());
        assertEquals(recorded, run.err().contains("recording the start-up archive"), what + ": " + run.err());
        assertEquals("true", run.values().get("UseSharedSpaces"), what);
    }

    /** A JDK layout whose bin/java runs the test's JVM and whose lib/server/libjvm.so is a file of its own. */
    private Path fakeJdk(String name) throws IOException {
        Path jdk = base.resolve(name);
        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(Files.createDirectories(jdk.resolve("lib/server")).resolve("libjvm.so"), "libjvm of " + name);
        return jdk;
    }

    private static Path onPath(String tool) {
        return java.util.stream.Stream.of(System.getenv("PATH").split(":")).map(d -> Path.of(d, tool)).filter(Files::isExecutable)
                .findFirst().orElseThrow(() -> new AssertionError(tool + " is not on the PATH"));
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

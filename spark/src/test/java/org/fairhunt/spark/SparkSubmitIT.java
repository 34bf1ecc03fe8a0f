package org.fairhunt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code spark-submit} runs: Spark's {@code bin/spark-submit} only execs
 * {@code org.apache.spark.deploy.SparkSubmit} on Spark's jars (with the JVM options of Spark's launcher), and
 * Maven Central's Spark artifacts ship no script, so this test starts that class in a child JVM whose class
 * path is Spark's jars alone (spark-sql's dependencies, as a Spark distribution's {@code jars/} holds them)
 * and submits the packaged {@code target/fairhunt-spark.jar} on {@code local[2]}. It proves the shaded jar
 * carries everything Fairhunt needs and nothing that clashes with Spark's own classes, and that the exit
 * statuses survive spark-submit: 0 done, 1 a failed policy, 2 bad input.
 */
class SparkSubmitIT {
    @TempDir
    static Path dir;
    static Path csv;
    static Path parquet;

    record Child(int status, String out, String err) {
    }

    @BeforeAll
    static void setUp() {
        csv = TestData.credit(dir, 3000, 5);
        parquet = dir.resolve("credit.parquet");
        SparkSessions.get().read().option("header", "true").option("inferSchema", "true").csv(csv.toString())
                .coalesce(1).write().parquet(parquet.toString());
    }

    static Child submit(String... args) throws IOException, InterruptedException {
        Set<String> classpath = new LinkedHashSet<>();
        for (String property : List.of("fairhunt.spark.classpath", "fairhunt.spark.classpath.shared")) {
            String list = Files.readString(Path.of(System.getProperty(property))).strip();
            classpath.addAll(Arrays.asList(list.split(File.pathSeparator)));
        }
        for (String entry : classpath) {
            assertTrue(!entry.contains("fairhunt"), "Spark's class path holds a Fairhunt artifact: " + entry);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.addAll(Arrays.asList(System.getProperty("spark.jvm.opens").strip().split("\\s+")));
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath), "org.apache.spark.deploy.SparkSubmit",
                "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.driver.bindAddress=127.0.0.1", "--class", "org.fairhunt.spark.Main",
                System.getProperty("fairhunt.spark.jar")));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("spark-submit did not finish in 5 minutes: " + Files.readString(err));
        }
        return new Child(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void submitted_audit_prints_the_json_of_the_cli_and_exits_0() throws Exception {
        String[] options = {"--label", "y", "--prediction", "p", "--score", "s", "--group", "sex", "--group", "band",
            "--intersections", "2", "--bootstrap", "50", "--cluster", "customer", "--json"};
        Child spark = submit(concat(new String[] {"audit", parquet.toString()}, options));
        assertEquals(0, spark.status(), spark.err());
        MainTest.Run local = MainTest.run(org.fairhunt.cli.Main.commandLine(), concat(new String[] {"audit", csv.toString()}, options));
        assertEquals(0, local.status(), local.err());
        ObjectMapper m = new ObjectMapper();
        JsonNode expected = m.readTree(local.out());
        JsonNode actual = m.readTree(spark.out());
        assertEquals(parquet.toString(), actual.get("source").asText());
        ((ObjectNode) expected).remove("source");
        ((ObjectNode) actual).remove("source");
        assertTrue(JsonCompare.assertSame(expected, actual) > 200);
    }

    @Test
    void submitted_audit_with_a_failed_policy_exits_1() throws Exception {
        // Women's risk is 10 points higher in the data: a 1-point bound on the gap fails.
        Child spark = submit("audit", parquet.toString(), "--label", "y", "--prediction", "p", "--group", "sex",
                "--require", "max_gap(selection_rate) <= 0.01 over [sex]");
        assertEquals(1, spark.status(), spark.out() + spark.err());
        assertTrue(spark.out().contains("Policy: FAIL"), spark.out());
    }

    @Test
    void submitted_audit_of_a_missing_column_exits_2_with_one_message_line() throws Exception {
        Child spark = submit("audit", parquet.toString(), "--label", "y", "--prediction", "pred", "--group", "sex");
        assertEquals(2, spark.status(), spark.err());
        List<String> ours = spark.err().lines().filter(l -> l.startsWith("fairhunt:")).toList();
        assertEquals(1, ours.size(), spark.err());
        assertTrue(ours.get(0).contains("no column named 'pred'"), ours.get(0));
        assertTrue(!spark.err().contains("\tat org.fairhunt"), "no stack trace: " + spark.err());
    }

    @Test
    void submitted_wer_writes_the_reports_of_the_cli() throws Exception {
        Path table = dir.resolve("asr.csv");
        StringBuilder sb = new StringBuilder("utterance_id,speaker,accent,reference,hypothesis\n");
        for (int i = 0; i < 120; i++) {
            sb.append("u").append(i).append(",s").append(i % 12).append(',').append(i % 3 == 0 ? "uk" : "us")
                    .append(",the cat sat on the mat,the cat ").append(i % 4 == 0 ? "sat on a mat" : "sat on the mat").append('\n');
        }
        Files.writeString(table, sb.toString());
        Path sparkOut = dir.resolve("wer-spark");
        Path localOut = dir.resolve("wer-local");
        String[] options = {"--group", "accent", "--bootstrap", "50", "--word-map", writeMap().toString()};
        Child spark = submit(concat(new String[] {"wer", table.toString(), "--out", sparkOut.toString()}, options));
        assertEquals(0, spark.status(), spark.err());
        MainTest.Run local = MainTest.run(org.fairhunt.cli.Main.commandLine(),
                concat(new String[] {"wer", table.toString(), "--out", localOut.toString()}, options));
        assertEquals(0, local.status(), local.err());
        for (String f : List.of("audit.json", "audit.html", "summary.txt", "alignments.txt", "ref.norm.trn", "hyp.norm.trn")) {
            assertEquals(Files.readString(localOut.resolve(f)), Files.readString(sparkOut.resolve(f)), f);
        }
    }

    private static Path writeMap() throws IOException {
        return Files.writeString(dir.resolve("map.glm"), "mat => rug\n");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

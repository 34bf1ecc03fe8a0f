package org.fairhunt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code org.fairhunt.spark.Main} against {@code fairhunt}: same options, same JSON, same messages and exit codes. */
class MainTest {
    @TempDir
    static Path dir;
    static Path csv;
    static Path parquet;

    record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void setUp() {
        SparkSessions.get();
        csv = TestData.credit(dir, 3000, 5);
        parquet = dir.resolve("credit.parquet");
        SparkSessions.get().read().option("header", "true").option("inferSchema", "true").csv(csv.toString())
                .coalesce(1).write().parquet(parquet.toString());
    }

    static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    static List<String> args(String input, String... rest) {
        List<String> a = new ArrayList<>(List.of("audit", input, "--label", "y", "--prediction", "p", "--score", "s",
                "--group", "sex", "--group", "band", "--intersections", "2", "--bootstrap", "50", "--cluster", "customer"));
        a.addAll(List.of(rest));
        return a;
    }

    @Test
    void audit_of_parquet_prints_the_json_of_the_cli_on_the_csv() throws Exception {
        Run local = run(org.fairhunt.cli.Main.commandLine(), args(csv.toString(), "--json").toArray(new String[0]));
        Run spark = run(Main.commandLine(), args(parquet.toString(), "--json").toArray(new String[0]));
        assertEquals(0, local.status(), local.err());
        assertEquals(0, spark.status(), spark.err());
        ObjectMapper m = new ObjectMapper();
        var expected = m.readTree(local.out());
        var actual = m.readTree(spark.out());
        // The source names the input; everything else is the same.
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected).remove("source");
        ((com.fasterxml.jackson.databind.node.ObjectNode) actual).remove("source");
        assertTrue(JsonCompare.assertSame(expected, actual) > 200);
    }

    @Test
    void audit_writes_the_reports() throws Exception {
        Path out = dir.resolve("reports");
        Run spark = run(Main.commandLine(), args(csv.toString(), "--out", out.toString()).toArray(new String[0]));
        assertEquals(0, spark.status(), spark.err());
        for (String f : List.of("audit.json", "audit.md", "audit.html")) {
            assertTrue(Files.size(out.resolve(f)) > 1000, f);
        }
        assertTrue(spark.out().contains("error_rate"), spark.out());
    }

    @Test
    void missing_column_is_exit_2_with_the_cli_message() {
        String[] a = {"audit", csv.toString(), "--label", "y", "--prediction", "pred", "--group", "sex"};
        Run local = run(org.fairhunt.cli.Main.commandLine(), a);
        Run spark = run(Main.commandLine(), a);
        assertEquals(2, local.status());
        assertEquals(2, spark.status());
        assertEquals(local.err(), spark.err());
    }

    @Test
    void an_infinite_score_found_in_an_executor_names_its_row_in_the_file_as_the_cli_does() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        int row = 2500; // 0-based data row, in the last of three partitions
        String[] cells = lines.get(row + 1).split(",", -1);
        cells[5] = "Infinity";
        lines.set(row + 1, String.join(",", cells));
        Path bad = dir.resolve("infinite.csv");
        Files.write(bad, lines);
        String[] a = {"audit", bad.toString(), "--label", "y", "--prediction", "p", "--score", "s", "--group", "sex"};
        Run local = run(org.fairhunt.cli.Main.commandLine(), a);
        for (int partitions : new int[] {1, 3, 17}) {
            SparkSessions.csv(bad, partitions);
            Run spark = run(Main.commandLine(), a);
            assertEquals(2, spark.status(), spark.err());
            assertEquals("fairhunt: error: " + bad + ": column 's' row " + (row + 1)
                    + " holds +infinity; a score must be a finite number", spark.err().strip());
            assertEquals(local.err(), spark.err());
        }
    }

    @Test
    void unreadable_path_is_exit_2_with_one_line() {
        Run spark = run(Main.commandLine(), args(dir.resolve("nowhere.parquet").toString()).toArray(new String[0]));
        assertEquals(2, spark.status());
        assertTrue(spark.err().startsWith("fairhunt: error: ") && spark.err().contains("nowhere.parquet"), spark.err());
        assertEquals(1, spark.err().strip().lines().count(), spark.err());
    }

    @Test
    void bad_option_value_is_exit_2() {
        Run spark = run(Main.commandLine(), "audit", csv.toString(), "--label", "y", "--prediction", "p", "--group", "sex",
                "--intersections", "0");
        assertEquals(2, spark.status());
        assertTrue(spark.err().contains("--intersections must be at least 1"), spark.err());
    }

    @Test
    void wer_without_its_transcript_columns_is_exit_2_naming_the_column() {
        Run local = run(org.fairhunt.cli.Main.commandLine(), "wer", csv.toString(), "--group", "sex");
        Run spark = run(Main.commandLine(), "wer", csv.toString(), "--group", "sex");
        assertEquals(2, spark.status());
        // The local reader names the column first (its type hint), Spark's check right after reading: both name it.
        assertEquals(2, local.status());
        assertTrue(local.err().contains("but the header has no such column"), local.err());
        assertTrue(spark.err().contains("no column 'reference'"), spark.err());
        assertEquals(1, spark.err().strip().lines().count(), spark.err());
    }

    @Test
    void wer_with_a_bad_normalization_step_is_exit_2_before_reading() {
        Run spark = run(Main.commandLine(), "wer", "nowhere.csv", "--group", "sex", "--normalize", "shout");
        assertEquals(2, spark.status());
        assertTrue(spark.err().contains("shout"), spark.err());
    }
}

package org.fairhunt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code slices} on Spark against the local {@code fairhunt slices} on the same CSV file, split by Spark's reader
 * into 1, 3 and 17 byte ranges: every number of the JSON report equal (integers exactly, the rest within
 * 1e-12 × max(1, |value|), {@link JsonCompare}; 0/1 errors make every sum an integer, so those reports are
 * compared to the last bit as well), and the same messages and exit status for bad input.
 */
class SparkSlicesTest {
    @TempDir
    static Path dir;
    static Path file;

    @BeforeAll
    static void setUp() throws IOException {
        SparkSessions.get();
        file = data(dir, 4000, 11);
    }

    /**
     * Features {@code region} (text, five values, some missing), {@code band} (text), {@code channel} (text, one
     * value rare), {@code age} (numeric, 60 values: quantile bins), {@code rating} (numeric, three values: kept as
     * values), {@code score} (numeric with ties and a long tail: bins whose cut points fall between values), and
     * four error sources: {@code y}/{@code p} (0/1, some predictions missing: excluded rows), {@code v}/{@code vhat}
     * (regression), {@code errors}/{@code words} (errors over units), {@code ref}/{@code hyp} (transcripts). Planted:
     * region = north ∧ channel = web fails more, and so does age above 60.
     */
    static Path data(Path dir, int rows, long seed) throws IOException {
        Random rnd = new Random(seed);
        String[] regions = {"north", "south", "east", "west", "centre"};
        String[] bands = {"low", "mid", "high", "top"};
        String[] channels = {"web", "branch", "phone"};
        String[] words = {"the", "cat", "sat", "on", "a", "mat", "dog", "ran"};
        StringBuilder sb = new StringBuilder("region,band,channel,age,rating,score,y,p,v,vhat,errors,words,ref,hyp\n");
        for (int i = 0; i < rows; i++) {
            String region = rnd.nextInt(25) == 0 ? "" : regions[rnd.nextInt(regions.length)];
            String band = bands[Math.min(3, (int) Math.abs(rnd.nextGaussian() * 1.5))];
            String channel = rnd.nextInt(50) == 0 ? "phone" : channels[rnd.nextInt(2)];
            int age = 18 + rnd.nextInt(60);
            int rating = 1 + rnd.nextInt(3);
            double score = rnd.nextInt(10) == 0 ? 0.5 + rnd.nextInt(3) * 0.25 : Math.round(Math.exp(rnd.nextGaussian()) * 100) / 100.0;
            double risk = 0.1 + (region.equals("north") && channel.equals("web") ? 0.3 : 0) + (age > 60 ? 0.15 : 0);
            int y = rnd.nextInt(2);
            int p = rnd.nextDouble() < risk ? 1 - y : y;
            String pText = rnd.nextInt(100) == 0 ? "" : Integer.toString(p);
            double v = Math.round(rnd.nextGaussian() * 1000) / 100.0;
            double vhat = v + Math.round(rnd.nextGaussian() * (1 + risk * 5) * 100) / 100.0;
            int n = 1 + rnd.nextInt(8);
            int errors = 0;
            StringBuilder ref = new StringBuilder();
            StringBuilder hyp = new StringBuilder();
            for (int w = 0; w < n; w++) {
                String word = words[rnd.nextInt(words.length)];
                ref.append(w == 0 ? "" : " ").append(word);
                boolean wrong = rnd.nextDouble() < risk;
                errors += wrong ? 1 : 0;
                hyp.append(w == 0 ? "" : " ").append(wrong ? words[rnd.nextInt(words.length)] + "s" : word);
            }
            String hypText = rnd.nextInt(80) == 0 ? "" : hyp.toString();
            sb.append(region).append(',').append(band).append(',').append(channel).append(',').append(age).append(',')
                    .append(rating).append(',').append(score).append(',').append(y).append(',').append(pText).append(',')
                    .append(v).append(',').append(vhat).append(',').append(errors).append(',').append(n).append(',')
                    .append(ref).append(',').append(hypText).append('\n');
        }
        Path f = dir.resolve("slices-" + rows + ".csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    record Run(int status, String out, String err) {
    }

    static Run run(CommandLine cl, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args.toArray(new String[0]));
        return new Run(status, out.toString(), err.toString());
    }

    static List<String> args(List<String> errorOptions, String... rest) {
        List<String> a = new ArrayList<>(List.of("slices", file.toString(), "--json",
                "--features", "region,band,channel,age,rating,score"));
        a.addAll(errorOptions);
        a.addAll(List.of(rest));
        return a;
    }

    /** Runs {@code args} locally and on Spark with {@code partitions} splits; asserts the same JSON; returns it. */
    static JsonNode assertSameReport(List<String> args, int partitions, boolean exact) throws Exception {
        Run local = run(org.fairhunt.cli.Main.commandLine(), args);
        assertEquals(0, local.status(), local.err());
        // Sets the split size the command's reader then uses.
        assertTrue(SparkSessions.csv(file, partitions).javaRDD().getNumPartitions() >= partitions);
        Run spark = run(Main.commandLine(), args);
        assertEquals(0, spark.status(), spark.err());
        ObjectMapper m = new ObjectMapper();
        JsonNode expected = m.readTree(local.out());
        JsonNode actual = m.readTree(spark.out());
        int numbers = JsonCompare.assertSame(expected, actual);
        assertTrue(numbers > 15 + 10 * expected.get("slices").size(), "compared only " + numbers + " numbers");
        if (exact) {
            assertEquals(expected, actual);
        }
        return actual;
    }

    static final List<String> CLASSIFICATION = List.of("--label", "y", "--prediction", "p");

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 17})
    void misclassification_equals_local(int partitions) throws Exception {
        JsonNode r = assertSameReport(args(CLASSIFICATION, "--top", "8"), partitions, true);
        // What the comparison must have met: excluded rows, quantile bins with a tie note, a missing level, a planted slice.
        String notices = r.get("notices").toString();
        assertTrue(notices.contains("rows left out because their error cannot be computed"), notices);
        assertTrue(notices.contains("numeric feature 'age' (60 distinct values) cut into 4 quantile bins"), notices);
        assertTrue(notices.contains("numeric feature 'score'"), notices);
        assertTrue(r.toString().contains("(missing)") || notices.contains("(missing)") || r.get("multiple_testing").get("family_size").asLong() > 0);
        assertTrue(r.get("slices").toString().contains("region = north"), r.get("slices").toString());
        assertTrue(r.get("excluded_rows").asLong() > 0);
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 17})
    void regression_equals_local(int partitions) throws Exception {
        assertSameReport(args(List.of("--label", "v", "--prediction", "vhat", "--metric", "abs_error"), "--alpha", "0.95"),
                partitions, false);
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 17})
    void errors_over_units_equal_local(int partitions) throws Exception {
        assertSameReport(args(List.of("--errors-col", "errors", "--units-col", "words"), "--max-depth", "2"), partitions, false);
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 17})
    void word_error_rate_of_transcripts_equals_local(int partitions) throws Exception {
        assertSameReport(args(List.of("--ref-col", "ref", "--hyp-col", "hyp", "--normalize", "case"), "--bins", "3"), partitions, false);
    }

    @ParameterizedTest(name = "min support {0}")
    @ValueSource(ints = {1, 37, 1500, 5000})
    void min_support_edges_equal_local(int minSupport) throws Exception {
        // 1: every occupied cell is tested; 1500: only level 1's biggest values; 5000: more than the rows, nothing.
        JsonNode r = assertSameReport(args(CLASSIFICATION, "--min-support", Integer.toString(minSupport), "--bin", "age=30,60",
                "--max-depth", "3"), 3, true);
        assertEquals(minSupport > 4000, r.get("multiple_testing").get("family_size").asLong() == 0, r.get("multiple_testing").toString());
    }

    @Test
    void a_bad_row_found_in_an_executor_is_named_by_its_row_in_the_file_as_the_cli_does() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int row = 2500; // 0-based data row, past the first of three partitions and of seventeen
        List<String> header = List.of(lines.get(0).split(","));
        String[] cells = lines.get(row + 1).split(",", -1);
        cells[header.indexOf("errors")] = "-3";
        lines.set(row + 1, String.join(",", cells));
        Path bad = dir.resolve("negative-errors.csv");
        Files.write(bad, lines);
        List<String> a = List.of("slices", bad.toString(), "--features", "region,band", "--errors-col", "errors", "--units-col", "words");
        Run local = run(org.fairhunt.cli.Main.commandLine(), a);
        assertEquals(2, local.status(), local.err());
        assertTrue(local.err().contains(" row " + (row + 1) + " has error -3.0"), local.err());
        for (int partitions : new int[] {1, 3, 17}) {
            SparkSessions.csv(bad, partitions);
            Run spark = run(Main.commandLine(), a);
            assertEquals(2, spark.status(), spark.err());
            assertEquals(local.err(), spark.err(), partitions + " partitions");
        }
    }

    @Test
    void bad_input_gives_the_cli_message_and_status_2() throws Exception {
        SparkSessions.csv(file, 3);
        for (List<String> bad : List.of(
                List.of("slices", file.toString(), "--features", "region,nope", "--label", "y", "--prediction", "p"),
                List.of("slices", file.toString(), "--features", "region", "--label", "y", "--prediction", "channel"),
                List.of("slices", file.toString(), "--features", "region,score", "--label", "y", "--prediction", "p", "--bins", "1"),
                List.of("slices", file.toString(), "--features", "region,age", "--label", "y", "--prediction", "p", "--bin", "age=30,60",
                        "--max-levels", "2"),
                List.of("slices", file.toString(), "--features", "region", "--label", "y"),
                List.of("slices", file.toString(), "--features", "region", "--label", "y", "--prediction", "p", "--fdr", "2"))) {
            Run local = run(org.fairhunt.cli.Main.commandLine(), bad);
            Run spark = run(Main.commandLine(), bad);
            assertEquals(2, local.status(), bad + ": " + local.err());
            assertEquals(2, spark.status(), bad + ": " + spark.err());
            assertEquals(local.err().lines().findFirst().orElse(""), spark.err().lines().findFirst().orElse(""), bad.toString());
        }
        // What only Spark refuses: a word map (a file the executors need not see) and a row-id column (nothing is keyed on it).
        Path map = Files.writeString(dir.resolve("words.glm"), "cat => kat\n");
        Run wordMap = run(Main.commandLine(), List.of("slices", file.toString(), "--features", "region", "--ref-col", "ref",
                "--hyp-col", "hyp", "--word-map", map.toString()));
        assertEquals(2, wordMap.status(), wordMap.err());
        assertTrue(wordMap.err().contains("--word-map is not supported on Spark"), wordMap.err());
        Run rowId = run(Main.commandLine(), List.of("slices", file.toString(), "--features", "region", "--label", "y",
                "--prediction", "p", "--row-id", "age"));
        assertEquals(2, rowId.status(), rowId.err());
        assertTrue(rowId.err().contains("--row-id"), rowId.err());
    }
}

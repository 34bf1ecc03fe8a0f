package org.fairhunt.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code wer} on Spark against {@code fairhunt wer} on the same CSV file: the same exit status, the same
 * standard output, and every file of {@code --out} byte for byte (audit.json/md/html with the speech section and
 * evidence, summary.txt, alignments.txt, the normalized trn), read by Spark in 1, 3 and 17 byte ranges.
 */
class SparkWerTest {
    @TempDir
    static Path dir;
    static Path file;
    static Path noIds;
    static Path wordMap;

    @BeforeAll
    static void setUp() throws Exception {
        SparkSessions.get();
        Random rnd = new Random(11);
        String[] words = {"the", "cat", "sat", "on", "a", "mat", "Hello", "world", "we", "go", "home", "now", "okay", "ok"};
        StringBuilder sb = new StringBuilder("utterance_id,speaker,accent,condition,site,age,reference,hypothesis,system_b\n");
        StringBuilder plain = new StringBuilder("speaker,accent,reference,hypothesis\n");
        for (int i = 0; i < 1500; i++) {
            int speaker = rnd.nextInt(60);
            String accent = List.of("us", "uk", "in").get(speaker % 3);
            String condition = rnd.nextBoolean() ? "clean" : "noisy";
            int age = 20 + speaker % 45;
            double err = (condition.equals("noisy") ? 0.2 : 0.05) + (accent.equals("in") ? 0.1 : 0);
            StringBuilder ref = new StringBuilder();
            StringBuilder hyp = new StringBuilder();
            StringBuilder other = new StringBuilder();
            int n = rnd.nextInt(11); // 0: an empty reference now and then
            for (int w = 0; w < n; w++) {
                String word = words[rnd.nextInt(words.length)];
                ref.append(w == 0 ? "" : " ").append(word);
                append(hyp, rnd, word, err, words);
                append(other, rnd, word, err * 0.8, words);
            }
            String h = rnd.nextInt(100) == 0 ? "" : hyp.toString(); // now and then a failed transcription
            sb.append("u").append(i).append(',').append('s').append(speaker).append(',').append(accent).append(',')
                    .append(condition).append(",lab,").append(age).append(',').append(ref).append(',').append(h).append(',')
                    .append(other).append('\n');
            plain.append('s').append(speaker).append(',').append(accent).append(',').append(ref).append(',').append(h).append('\n');
        }
        file = dir.resolve("asr.csv");
        Files.writeString(file, sb.toString());
        noIds = dir.resolve("plain.csv");
        Files.writeString(noIds, plain.toString());
        wordMap = dir.resolve("map.glm");
        Files.writeString(wordMap, "ok => okay\n");
    }

    private static void append(StringBuilder hyp, Random rnd, String word, double err, String[] words) {
        double u = rnd.nextDouble();
        if (u < err / 2) {
            hyp.append(hyp.length() == 0 ? "" : " ").append(words[rnd.nextInt(words.length)]); // substitution
        } else if (u >= err) {
            hyp.append(hyp.length() == 0 ? "" : " ").append(rnd.nextInt(10) == 0 ? word.toUpperCase() : word);
        } // else a deletion
        if (rnd.nextDouble() < err / 4) {
            hyp.append(" uh"); // insertion
        }
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 17})
    void every_output_of_wer_equals_the_local_command_byte_for_byte(int partitions) throws Exception {
        int files = assertSameOutputs(file, partitions, "--speaker", "speaker", "--group", "accent", "--group", "condition",
                "--group", "site", "--group", "age", "--bin", "age=30,50", "--intersections", "2", "--bootstrap", "200",
                "--seed", "9", "--compare-col", "system_b", "--word-map", wordMap.toString(), "--min-speakers", "25",
                "--worst", "4", "--require", "max_gap(wer) <= 0.02 over [accent]");
        assertEquals(7, files);
        String summary = Files.readString(dir.resolve("spark-" + file.getFileName() + "-" + partitions).resolve("summary.txt"));
        assertTrue(summary.contains("age=[30,50)"), "the numeric group is binned: " + summary);
        assertTrue(summary.contains("site has the single value 'lab'"), summary);
        String json = Files.readString(dir.resolve("spark-" + file.getFileName() + "-" + partitions).resolve("audit.json"));
        assertTrue(json.contains("\"mapsswe\"") && json.contains("\"few_speakers\"") && json.contains("\"evidence\""), "sections");
        assertTrue(json.contains("map.glm"), "the word map is part of the normalization");
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {3, 17})
    void without_ids_or_bootstrap_rows_are_named_by_their_number_in_the_file(int partitions) throws Exception {
        int files = assertSameOutputs(noIds, partitions, "--normalize", "case,punctuation", "--no-cer", "--cluster", "none",
                "--group", "accent");
        assertEquals(7, files);
        String trn = Files.readString(dir.resolve("spark-" + noIds.getFileName() + "-" + partitions).resolve("ref.norm.trn"));
        assertTrue(trn.contains("(utt1500)\n"), "the last row's id is its number");
    }

    @Test
    void a_file_in_another_order_with_a_row_id_column_gives_the_reports_of_the_file_in_order() throws Exception {
        List<String> lines = Files.readAllLines(noIds);
        List<String> numbered = new ArrayList<>(List.of("row," + lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            numbered.add((i - 1) + "," + lines.get(i));
        }
        Path inOrder = dir.resolve("in-order.csv");
        Files.write(inOrder, numbered);
        List<String> body = new ArrayList<>(numbered.subList(1, numbered.size()));
        java.util.Collections.shuffle(body, new Random(5));
        body.add(0, numbered.get(0));
        Path shuffled = dir.resolve("shuffled.csv");
        Files.write(shuffled, body);
        String[] options = {"--group", "accent", "--bootstrap", "50", "--cluster", "none", "--worst", "3"};
        Path localOut = dir.resolve("rowid-local");
        Path sparkOut = dir.resolve("rowid-spark");
        MainTest.Run local = MainTest.run(org.fairhunt.cli.Main.commandLine(), args(inOrder, localOut, options));
        SparkSessions.csv(shuffled, 17);
        List<String> a = new ArrayList<>(List.of(args(shuffled, sparkOut, options)));
        a.addAll(List.of("--row-id", "row"));
        MainTest.Run spark = MainTest.run(Main.commandLine(), a.toArray(new String[0]));
        assertEquals(0, local.status(), local.err());
        assertEquals(0, spark.status(), spark.err());
        for (String f : List.of("audit.json", "summary.txt", "alignments.txt", "ref.norm.trn", "hyp.norm.trn")) {
            assertEquals(Files.readString(localOut.resolve(f)).replace(inOrder.toString(), "IN"),
                    Files.readString(sparkOut.resolve(f)).replace(shuffled.toString(), "IN"), f);
        }
    }

    @Test
    void transcripts_that_look_like_numbers_stay_text_as_in_the_local_reader() throws Exception {
        StringBuilder sb = new StringBuilder("speaker,reference,hypothesis\n");
        for (int i = 0; i < 60; i++) {
            sb.append('s').append(i % 6).append(',').append(i % 2 == 0 ? "1.50" : "25").append(',')
                    .append(i % 3 == 0 ? "1.5" : "25.0").append('\n');
        }
        Path numbers = dir.resolve("numbers.csv");
        Files.writeString(numbers, sb.toString());
        assertSameOutputs(numbers, 3, "--bootstrap", "20");
        String trn = Files.readString(dir.resolve("spark-numbers.csv-3").resolve("hyp.norm.trn"));
        assertTrue(trn.startsWith("1.5 (utt1)\n25.0 (utt2)\n"), trn);
    }

    @Test
    void normalized_trn_can_be_skipped() throws Exception {
        Path out = dir.resolve("skip");
        SparkSessions.csv(file, 3);
        MainTest.Run spark = MainTest.run(Main.commandLine(), "wer", file.toString(), "--group", "accent", "--out", out.toString(),
                "--no-normalized-trn");
        assertEquals(0, spark.status(), spark.err());
        assertTrue(Files.exists(out.resolve("alignments.txt")));
        assertTrue(Files.notExists(out.resolve("ref.norm.trn")));
    }

    @Test
    void trn_options_of_the_local_command_are_refused_with_exit_2() {
        MainTest.Run spark = MainTest.run(Main.commandLine(), "wer", file.toString(), "--ref", "ref.trn");
        assertEquals(2, spark.status());
        assertTrue(spark.err().contains("Unknown option") && spark.err().contains("'--ref'"), spark.err());
    }

    @Test
    void a_missing_group_column_is_the_local_message() {
        String[] a = {"wer", file.toString(), "--group", "dialect"};
        MainTest.Run local = MainTest.run(org.fairhunt.cli.Main.commandLine(), a);
        MainTest.Run spark = MainTest.run(Main.commandLine(), a);
        assertEquals(2, spark.status());
        assertEquals(local.err(), spark.err());
    }

    /** Runs both commands with {@code --out}; asserts status, stdout and every file equal; returns the number of files. */
    static int assertSameOutputs(Path input, int partitions, String... options) throws IOException {
        Path localOut = dir.resolve("local-" + input.getFileName() + "-" + partitions);
        Path sparkOut = dir.resolve("spark-" + input.getFileName() + "-" + partitions);
        MainTest.Run local = MainTest.run(org.fairhunt.cli.Main.commandLine(), args(input, localOut, options));
        SparkSessions.csv(input, partitions); // Spark's reader then splits the file into this many byte ranges
        MainTest.Run spark = MainTest.run(Main.commandLine(), args(input, sparkOut, options));
        assertEquals(local.status(), spark.status(), spark.err());
        assertEquals(local.err(), spark.err());
        assertEquals(local.out().replace(localOut.toString(), "OUT"), spark.out().replace(sparkOut.toString(), "OUT"));
        List<String> names;
        try (Stream<Path> s = Files.list(localOut)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        try (Stream<Path> s = Files.list(sparkOut)) {
            assertEquals(names, s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        for (String name : names) {
            byte[] expected = Files.readAllBytes(localOut.resolve(name));
            byte[] actual = Files.readAllBytes(sparkOut.resolve(name));
            if (!java.util.Arrays.equals(expected, actual)) {
                assertEquals(new String(expected, java.nio.charset.StandardCharsets.UTF_8),
                        new String(actual, java.nio.charset.StandardCharsets.UTF_8), name);
            }
            assertArrayEquals(expected, actual, name);
        }
        return names.size();
    }

    private static String[] args(Path input, Path out, String... options) {
        List<String> a = new ArrayList<>(List.of("wer", input.toString()));
        a.addAll(List.of(options));
        a.addAll(List.of("--out", out.toString()));
        return a.toArray(new String[0]);
    }
}

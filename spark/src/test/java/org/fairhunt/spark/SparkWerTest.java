package org.fairhunt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.io.TableReaders;
import org.fairhunt.core.result.AuditJson;
import org.fairhunt.speech.metric.WerStatistic;
import org.fairhunt.speech.normalize.Normalizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** WER on Spark (alignment in the executors) equals the local engine's WER audit of the same file. */
class SparkWerTest {
    @TempDir
    static Path dir;
    static Path file;

    @BeforeAll
    static void setUp() throws Exception {
        SparkSessions.get();
        Random rnd = new Random(11);
        String[] words = {"the", "cat", "sat", "on", "a", "mat", "Hello", "world", "we", "go", "home", "now"};
        StringBuilder sb = new StringBuilder("utterance_id,speaker,accent,condition,reference,hypothesis\n");
        for (int i = 0; i < 1500; i++) {
            int speaker = rnd.nextInt(60);
            String accent = List.of("us", "uk", "in").get(speaker % 3);
            String condition = rnd.nextBoolean() ? "clean" : "noisy";
            StringBuilder ref = new StringBuilder();
            StringBuilder hyp = new StringBuilder();
            int n = rnd.nextInt(9); // 0: an empty reference now and then
            double err = (condition.equals("noisy") ? 0.2 : 0.05) + (accent.equals("in") ? 0.1 : 0);
            for (int w = 0; w < n; w++) {
                String word = words[rnd.nextInt(words.length)];
                ref.append(w == 0 ? "" : " ").append(word);
                double u = rnd.nextDouble();
                if (u < err / 2) {
                    hyp.append(hyp.length() == 0 ? "" : " ").append(words[rnd.nextInt(words.length)]); // substitution
                } else if (u < err) {
                    continue; // deletion
                } else {
                    hyp.append(hyp.length() == 0 ? "" : " ").append(rnd.nextInt(10) == 0 ? word.toUpperCase() : word);
                }
                if (rnd.nextDouble() < err / 4) {
                    hyp.append(" uh"); // insertion
                }
            }
            sb.append("u").append(i).append(",s").append(speaker).append(',').append(accent).append(',').append(condition)
                    .append(',').append(ref).append(',').append(hyp).append('\n');
        }
        file = dir.resolve("asr.csv");
        Files.writeString(file, sb.toString());
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 17})
    void wer_by_accent_and_condition_with_speaker_bootstrap_equals_local(int partitions) throws Exception {
        AuditRequest request = new AuditRequest(null, null, null, null, false, List.of("accent", "condition"), Map.of(), 2, 30,
                null, 200, 9, "speaker", null, 2, 0.95);
        JsonNode expected = AuditJson.toTree(Auditor.run(TableReaders.read(file), request,
                List.of(new WerStatistic("reference", "hypothesis", Normalizer.parse("case", null), 2))).result());
        var data = SparkAuditorTest.read(file, partitions);
        JsonNode actual = AuditJson.toTree(SparkAuditor.run(data, request,
                new SparkAuditor.Options(file.toString(), null, List.of("reference", "hypothesis")),
                SparkWerCommand.statistics("reference", "hypothesis", "case")).result());
        assertTrue(JsonCompare.assertSame(expected, actual) > 300);
        assertEquals("wer", actual.get("slices").get(0).get("metrics").fieldNames().next());
    }
}

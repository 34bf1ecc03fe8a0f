package org.fairhunt.speech.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.fairhunt.core.table.Table;
import org.fairhunt.speech.TestData;
import org.fairhunt.speech.WerAudit;
import org.fairhunt.speech.WerInputs;
import org.fairhunt.speech.metric.WerScores;
import org.fairhunt.speech.normalize.Normalizer;
import org.fairhunt.speech.tools.ExternalTools;
import org.fairhunt.speech.tools.Sclite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path {@code fairhunt wer} takes on two trn files (words split and looked up from the plain lines' bytes, the
 * packed alignment without a trace-back, the common suffix skipped) gives every utterance the counts NIST sclite
 * gives it, on the shipped set and on tie-heavy random pairs in mixed case; and the counts of the general path
 * (a string per word, the full trace-back) when sclite is not installed.
 */
class BulkScliteParityTest {

    @TempDir
    Path tmp;

    @Test
    void theShippedSetScoredFromBytesHasScliteCounts() throws Exception {
        Path dir = TestData.speechDir();
        assertBulkParity(dir.resolve("ref.trn"), dir.resolve("hyp.trn"), 1440);
    }

    @Test
    void tieHeavyMixedCasePairsScoredFromBytesHaveScliteCounts() throws Exception {
        // A four-word vocabulary in two cases: equal-cost alignments with different S/D/I splits are common, common
        // suffixes too, and the case fold happens on the bytes.
        Random random = new Random(20261129L);
        String[] vocabulary = {"a", "b", "c", "d", "A", "B"};
        List<String> ref = new ArrayList<>();
        List<String> hyp = new ArrayList<>();
        for (int u = 0; u < 4000; u++) {
            String id = "spk" + (u % 11) + "-u" + u;
            ref.add(words(random, vocabulary, random.nextInt(12)) + "(" + id + ")");
            hyp.add(words(random, vocabulary, random.nextInt(12)) + "(" + id + ")");
        }
        assertBulkParity(Files.write(tmp.resolve("ref.trn"), ref), Files.write(tmp.resolve("hyp.trn"), hyp), 4000);
    }

    @Test
    void awkwardLinesReadAsBytesHaveTheTextsAndCountsOfTheGeneralPath() throws Exception {
        // Words of 1 to 12 bytes (both sides of the eight-byte packed look-up) in mixed case, and lines that are not
        // plain or hold markup: tabs, runs of spaces, CR/LF, non-ASCII, '<unk>', '[noise]', '+hm+', empty texts; ids on
        // one side only (scored as all deletions or insertions with score-all).
        Random random = new Random(20261130L);
        String[] vocabulary = new String[60];
        String letters = "abcdeABCDE'-0";
        for (int w = 0; w < vocabulary.length; w++) {
            StringBuilder sb = new StringBuilder();
            int length = 1 + w % 12;
            for (int k = 0; k < length; k++) {
                sb.append(letters.charAt(random.nextInt(letters.length())));
            }
            vocabulary[w] = sb.toString();
        }
        String[] odd = {"<unk>", "[noise]", "+hm+", "café", "a\tb", "x  y", "", "a+b", "c<d"};
        StringBuilder ref = new StringBuilder();
        StringBuilder hyp = new StringBuilder();
        java.util.Map<String, String> refTexts = new java.util.HashMap<>();
        java.util.Map<String, String> hypTexts = new java.util.HashMap<>();
        for (int u = 0; u < 15000; u++) { // over a megabyte: read eight bytes at a time
            String id = "spk" + (u % 7) + "-u" + u;
            String r = words(random, vocabulary, random.nextInt(25)).strip();
            String h = words(random, vocabulary, random.nextInt(25)).strip();
            if (random.nextInt(8) == 0) {
                r = r + " " + odd[random.nextInt(odd.length)];
            }
            if (random.nextInt(8) == 0) {
                h = odd[random.nextInt(odd.length)] + " " + h;
            }
            String end = random.nextInt(10) == 0 ? "\r\n" : "\n";
            if (u % 97 != 5) {
                ref.append(r.isEmpty() ? "" : r + " ").append('(').append(id).append(')').append(end);
                refTexts.put(id, String.join(" ", r.strip().split("\\s+"))); // what trn makes of the text
            }
            if (u % 89 != 7) {
                hyp.append(h.isEmpty() ? "" : h + " ").append('(').append(id).append(')').append(end);
                hypTexts.put(id, String.join(" ", h.strip().split("\\s+")));
            }
        }
        Path refFile = Files.writeString(tmp.resolve("odd-ref.trn"), ref.toString());
        Path hypFile = Files.writeString(tmp.resolve("odd-hyp.trn"), hyp.toString());
        WerInputs.Loaded loaded = WerInputs.load(new WerInputs.Source(null, refFile, hypFile, null, null, null, null, List.of(),
                "sclite", "score-all"));
        Table table = loaded.table();
        assertTrue(Files.size(refFile) > 1 << 20 && Files.size(hypFile) > 1 << 20, "files of over a megabyte");
        java.util.Set<String> scored = new java.util.HashSet<>(refTexts.keySet());
        scored.addAll(hypTexts.keySet()); // an id on neither side is not scored
        assertEquals(scored.size(), table.rowCount());
        int plain = 0;
        for (boolean p : loaded.plainTexts().rows()) {
            plain += p ? 1 : 0;
        }
        assertTrue(plain > 7500 && plain < table.rowCount(), "plain rows " + plain);
        Normalizer normalizer = Normalizer.parse(Normalizer.DEFAULT, null);
        for (boolean characters : new boolean[] {false, true}) {
            WerScores bulk = WerScores.compute(table, WerAudit.REFERENCE, WerAudit.HYPOTHESIS, normalizer, 2, characters, true,
                    loaded.plainTexts());
            UtteranceScorer general = new UtteranceScorer(normalizer, characters, true);
            for (int row = 0; row < table.rowCount(); row++) {
                String id = table.column(WerAudit.ID).text(row);
                String r = table.column(WerAudit.REFERENCE).text(row);
                String h = table.column(WerAudit.HYPOTHESIS).text(row);
                assertEquals(refTexts.getOrDefault(id, ""), r, id);
                assertEquals(hypTexts.getOrDefault(id, ""), h, id);
                UtteranceScore expected = general.score(r, h);
                UtteranceScore ours = bulk.score(row);
                assertEquals(List.of(expected.correct(), expected.substitutions(), expected.deletions(), expected.insertions(),
                        expected.referenceChars(), expected.charErrors()), List.of(ours.correct(), ours.substitutions(),
                        ours.deletions(), ours.insertions(), ours.referenceChars(), ours.charErrors()), id);
            }
        }
    }

    private static String words(Random random, String[] vocabulary, int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            sb.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ');
        }
        return sb.toString();
    }

    private void assertBulkParity(Path ref, Path hyp, int utterances) throws Exception {
        WerInputs.Loaded loaded = WerInputs.load(new WerInputs.Source(null, ref, hyp, null, null, null, null, List.of(), "sclite",
                "sclite"));
        assertTrue(loaded.plainTexts() != null, "trn files give the bulk path their bytes");
        Table table = loaded.table();
        assertEquals(utterances, table.rowCount());
        Normalizer normalizer = Normalizer.parse(Normalizer.DEFAULT, null);
        WerScores bulk = WerScores.compute(table, WerAudit.REFERENCE, WerAudit.HYPOTHESIS, normalizer, 2, false, true,
                loaded.plainTexts());
        // the general path: a string per word, the full trace-back of Aligner.align
        UtteranceScorer general = new UtteranceScorer(normalizer, false, true);
        for (int row = 0; row < utterances; row++) {
            UtteranceScore expected = general.score(table.column(WerAudit.REFERENCE).text(row), table.column(WerAudit.HYPOTHESIS).text(row));
            UtteranceScore ours = bulk.score(row);
            assertEquals(List.of(expected.correct(), expected.substitutions(), expected.deletions(), expected.insertions()),
                    List.of(ours.correct(), ours.substitutions(), ours.deletions(), ours.insertions()),
                    table.column(WerAudit.ID).text(row));
        }
        var exe = ExternalTools.sclite();
        assumeTrue(exe.isPresent(), "sclite (Debian package sctk) is not installed");
        Sclite.Result sclite = new Sclite(exe.get()).run(ref, hyp, false, tmp);
        assertEquals(utterances, sclite.utterances().size(), "utterances parsed from sclite's output");
        int mismatches = 0;
        String first = null;
        for (int row = 0; row < utterances; row++) {
            String id = table.column(WerAudit.ID).text(row);
            Sclite.Counts theirs = sclite.utterances().get(id.toLowerCase(Locale.ROOT));
            UtteranceScore ours = bulk.score(row);
            if (theirs.correct() != ours.correct() || theirs.substitutions() != ours.substitutions()
                    || theirs.deletions() != ours.deletions() || theirs.insertions() != ours.insertions()) {
                mismatches++;
                first = first != null ? first : id + ": sclite " + theirs + ", ours C=" + ours.correct() + " S=" + ours.substitutions()
                        + " D=" + ours.deletions() + " I=" + ours.insertions();
            }
        }
        assertEquals(0, mismatches, "utterances whose bulk counts differ from sclite's; first: " + first);
    }
}

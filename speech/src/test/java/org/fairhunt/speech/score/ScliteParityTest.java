package org.fairhunt.speech.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.fairhunt.speech.TestData;
import org.fairhunt.speech.format.SpeakerIds;
import org.fairhunt.speech.format.TrnFormat;
import org.fairhunt.speech.format.Utterance;
import org.fairhunt.speech.normalize.Normalizer;
import org.fairhunt.speech.tools.ExternalTools;
import org.fairhunt.speech.tools.Sclite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our per-utterance counts must equal those of NIST sclite itself, run here on the same trn files. */
class ScliteParityTest {

    @TempDir
    Path tmp;

    private static Sclite sclite() {
        Optional<Path> exe = ExternalTools.sclite();
        assumeTrue(exe.isPresent(), "sclite (Debian package sctk) is not installed");
        return new Sclite(exe.get());
    }

    @Test
    void everyUtteranceOfTheSharedSetHasScliteCounts() throws Exception {
        Path dir = TestData.speechDir();
        assertParity(dir.resolve("ref.trn"), dir.resolve("hyp.trn"), false, 1440);
    }

    @Test
    void characterCountsOfTheSharedSetEqualScliteDashC() throws Exception {
        Path dir = TestData.speechDir();
        assertParity(dir.resolve("ref.trn"), dir.resolve("hyp.trn"), true, 1440);
    }

    @Test
    void randomPairsFullOfTiesHaveScliteCounts() throws Exception {
        // A four-word vocabulary makes equal-cost alignments with different S/D/I splits common, which is
        // exactly where a trace-back that differs from sclite's would show.
        Random random = new Random(20261122L);
        String[] vocabulary = {"a", "b", "c", "d"};
        List<String> ref = new ArrayList<>();
        List<String> hyp = new ArrayList<>();
        for (int u = 0; u < 3000; u++) {
            String id = "spk" + (u % 7) + "_u" + u;
            ref.add(words(random, vocabulary, random.nextInt(9)) + " (" + id + ")");
            hyp.add(words(random, vocabulary, random.nextInt(9)) + " (" + id + ")");
        }
        Path r = Files.write(tmp.resolve("ref.trn"), ref);
        Path h = Files.write(tmp.resolve("hyp.trn"), hyp);
        assertParity(r, h, false, 3000);
        assertParity(r, h, true, 3000);
    }

    @Test
    void accentedCapitalsAreFoldedUnlikeScliteWhichFoldsOnlyAscii() throws Exception {
        // The documented difference (speech README): sclite 2.10 lower-cases ASCII letters only, so CAFÉ vs café
        // is a substitution there and a correct word here; plain ASCII words agree.
        Path r = Files.writeString(tmp.resolve("ref.trn"), "CAFÉ ÉTÉ NAÏVE CAFE (a-1)\n");
        Path h = Files.writeString(tmp.resolve("hyp.trn"), "café été naïve cafe (a-1)\n");
        Sclite.Counts theirs = sclite().run(r, h, false, tmp).utterances().get("a-1");
        assertEquals(List.of(1, 3, 0, 0), List.of(theirs.correct(), theirs.substitutions(), theirs.deletions(), theirs.insertions()));
        UtteranceScore ours = new UtteranceScorer(Normalizer.scliteDefault()).score("CAFÉ ÉTÉ NAÏVE CAFE", "café été naïve cafe");
        assertEquals(List.of(4, 0, 0, 0), List.of(ours.correct(), ours.substitutions(), ours.deletions(), ours.insertions()));
    }

    private static String words(Random random, String[] vocabulary, int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            sb.append(k == 0 ? "" : " ").append(vocabulary[random.nextInt(vocabulary.length)]);
        }
        return sb.toString();
    }

    private void assertParity(Path ref, Path hyp, boolean characters, int expectedUtterances)
            throws IOException, InterruptedException {
        Sclite.Result result = sclite().run(ref, hyp, characters, tmp);
        assertEquals(expectedUtterances, result.utterances().size(), "utterances parsed from sclite's output");
        List<Utterance> refs = TrnFormat.read(ref, SpeakerIds.SCLITE);
        Map<String, Utterance> hyps = new java.util.HashMap<>();
        for (Utterance u : TrnFormat.read(hyp, SpeakerIds.SCLITE)) {
            hyps.put(u.id(), u);
        }
        UtteranceScorer scorer = new UtteranceScorer(Normalizer.scliteDefault());
        int mismatches = 0;
        StringBuilder first = new StringBuilder();
        for (Utterance r : refs) {
            UtteranceScore s = scorer.score(r.text(), hyps.get(r.id()).text());
            Sclite.Counts expected = result.utterances().get(r.id().toLowerCase(Locale.ROOT));
            int[] ours;
            if (characters) {
                // sclite -c reports character counts; we keep only their sum and the reference length.
                assertEquals(expected.correct() + expected.substitutions() + expected.deletions(), s.referenceChars(),
                        r.id() + " reference characters");
                ours = new int[] {s.charErrors()};
                if (expected.substitutions() + expected.deletions() + expected.insertions() != s.charErrors()) {
                    mismatches++;
                    if (first.length() == 0) {
                        first.append(r.id()).append(": sclite ").append(expected).append(" ours ").append(ours[0]);
                    }
                }
            } else if (expected.correct() != s.correct() || expected.substitutions() != s.substitutions()
                    || expected.deletions() != s.deletions() || expected.insertions() != s.insertions()) {
                mismatches++;
                if (first.length() == 0) {
                    first.append(r.id()).append(": sclite ").append(expected).append(" ours C=").append(s.correct())
                            .append(" S=").append(s.substitutions()).append(" D=").append(s.deletions())
                            .append(" I=").append(s.insertions()).append(" ref='").append(r.text()).append("' hyp='")
                            .append(hyps.get(r.id()).text()).append("'");
                }
            }
        }
        assertEquals(0, mismatches, "utterances whose counts differ from sclite's; first: " + first);
    }
}

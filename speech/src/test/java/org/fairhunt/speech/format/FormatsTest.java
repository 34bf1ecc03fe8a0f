package org.fairhunt.speech.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.UserInputException;
import org.fairhunt.speech.normalize.Normalizer;
import org.fairhunt.speech.score.CorpusScorer;
import org.fairhunt.speech.score.ScoredUtterance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatsTest {

    @TempDir
    Path tmp;

    @Test
    void linesAcrossChunkBoundariesAndLongerThanTheBufferReadAsWhole() throws Exception {
        // The reader cuts lines out of 256 KB chunks: lines straddling a boundary (some ending in CRLF, some not
        // plain), a line of 1.2 MB (four buffers) and a last line without a newline must read as a line reader reads them.
        java.util.Random random = new java.util.Random(11);
        StringBuilder file = new StringBuilder();
        List<String[]> expected = new java.util.ArrayList<>();
        for (int u = 0; u < 12_000; u++) {
            int words = u == 5000 ? 300_000 : random.nextInt(40);
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < words; w++) {
                text.append(w == 0 ? "" : u % 7 == 0 ? "  " : " ").append("w").append(random.nextInt(50));
            }
            String id = "s" + (u % 13) + "-u" + u;
            expected.add(new String[] {id, String.join(" ", text.toString().split(" +")).strip()});
            file.append(text).append(words == 0 ? "" : " ").append('(').append(id).append(')')
                    .append(u == 11_999 ? "" : u % 5 == 0 ? "\r\n" : "\n");
        }
        Path trn = Files.writeString(tmp.resolve("chunks.trn"), file.toString());
        assertTrue(Files.size(trn) > 4 * (1 << 18), "several chunks");
        List<Utterance> read = TrnFormat.read(trn, SpeakerIds.SCLITE);
        assertEquals(expected.size(), read.size());
        for (int k = 0; k < read.size(); k++) {
            assertEquals(expected.get(k)[0], read.get(k).id());
            assertEquals(expected.get(k)[1], read.get(k).text(), expected.get(k)[0]);
            assertEquals(k + 1, read.get(k).line());
        }
        // the same lines through the join's reader
        TrnLines lines = TrnFormat.lines(trn, false);
        assertEquals(read.size(), lines.size());
        assertEquals(5000, lines.indexOf("s8-u5000"));
    }

    @Test
    void theThreePartCheckAgreesWithSplitOnEveryShortId() {
        // every id of up to 7 characters over {a, -, _}: the allocation-free check must say what split(id, 3) says
        java.util.List<String> ids = new java.util.ArrayList<>(java.util.List.of(""));
        for (int length = 1; length <= 7; length++) {
            java.util.List<String> longer = new java.util.ArrayList<>();
            for (String id : ids) {
                if (id.length() == length - 1) {
                    for (char c : new char[] {'a', '-', '_'}) {
                        longer.add(id + c);
                    }
                }
            }
            ids.addAll(longer);
        }
        for (String id : ids) {
            assertEquals(UtteranceIds.split(id, 3) != null, UtteranceIds.hasThreeParts(id), id);
        }
    }

    @Test
    void trnLinesGiveIdSpeakerAndTextAndEmptyUtterancesAreKept() throws Exception {
        Path f = Files.writeString(tmp.resolve("a.trn"), "the  cat sat (spk1_u1)\n\n(spk2_u2)\n");
        List<Utterance> u = TrnFormat.read(f, SpeakerIds.SCLITE);
        assertEquals(2, u.size());
        assertEquals(new Utterance("spk1_u1", "spk1", "the cat sat", f.toString(), 1), u.get(0));
        assertEquals("", u.get(1).text());
        assertEquals(3, u.get(1).line());
    }

    @Test
    void trnLineWithoutIdNamesFileAndLine() throws Exception {
        Path f = Files.writeString(tmp.resolve("bad.trn"), "a b (x_1)\nno id here\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> TrnFormat.read(f, SpeakerIds.SCLITE));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("bad.trn:2"), e.getMessage());
    }

    @Test
    void duplicateIdsAndOptionalWordsInAHypothesisAreRejected() throws Exception {
        Path dup = Files.writeString(tmp.resolve("dup.trn"), "a (x_1)\nb (x_1)\n");
        assertTrue(assertThrows(DataFormatException.class, () -> TrnFormat.read(dup, SpeakerIds.SCLITE)).getMessage()
                .contains("already used on line 1"));
        Path opt = Files.writeString(tmp.resolve("opt.trn"), "a (uh) b (x_1)\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> TrnFormat.read(opt, SpeakerIds.SCLITE));
        assertTrue(e.getMessage().contains("opt.trn:1:3") && e.getMessage().contains("belong in the reference"), e.getMessage());
        // A reference may hold them (scored as sclite -D), but not unbalanced.
        assertEquals("a (uh) b", TrnFormat.readReference(opt, SpeakerIds.SCLITE).get(0).text());
        Path bad = Files.writeString(tmp.resolve("bad.trn"), "a { b / c b (x_1)\n");
        assertTrue(assertThrows(DataFormatException.class, () -> TrnFormat.readReference(bad, SpeakerIds.SCLITE)).getMessage()
                .contains("bad.trn:1:3"));
    }

    @Test
    void plainLinesCutOnTheirBytesReadAsEveryOtherLine() throws Exception {
        // Each line below takes the byte-level path (plain ASCII) or the general one (tab, CRLF, a run of spaces,
        // a leading space, non-ASCII, trailing space inside the id's parentheses); the expected texts are by hand.
        String trn = "the cat sat (s1-u1)\n"
                + "(s1-u2)\n"
                + "no space before(s1-u3)\n"
                + "tab\there (s2-u1)\n"
                + "crlf line (s2-u2)\r\n"
                + "two  spaces  (s2-u3)\n"
                + " leading (s3-u1)\n"
                + "caf\u00e9 na\u00efve (s3-u2)\n"
                + "spaced id ( s3-u3 )\n"
                + "last line without newline (s4-u1)";
        Path f = Files.writeString(tmp.resolve("mixed.trn"), trn);
        List<Utterance> u = TrnFormat.read(f, SpeakerIds.SCLITE);
        List<String> ids = List.of("s1-u1", "s1-u2", "s1-u3", "s2-u1", "s2-u2", "s2-u3", "s3-u1", "s3-u2", "s3-u3", "s4-u1");
        List<String> texts = List.of("the cat sat", "", "no space before", "tab here", "crlf line", "two spaces", "leading",
                "caf\u00e9 na\u00efve", "spaced id", "last line without newline");
        assertEquals(ids.size(), u.size());
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(new Utterance(ids.get(i), ids.get(i).substring(0, 2), texts.get(i), f.toString(), i + 1), u.get(i));
        }
        assertEquals(u, TrnFormat.readReference(f, SpeakerIds.SCLITE), "a reference reads the same plain lines alike");
        // A repeated id on a plain line is refused at its opening parenthesis, as on any other line.
        Path dup = Files.writeString(tmp.resolve("dup2.trn"), "a b (x-1)\nb c (x-1)\n  b  c (x-1)\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> TrnFormat.read(dup, SpeakerIds.SCLITE));
        assertTrue(e.getMessage().contains("dup2.trn:2:5") && e.getMessage().contains("already used on line 1"), e.getMessage());
        Path emptyId = Files.writeString(tmp.resolve("empty.trn"), "a b ()\n");
        assertTrue(assertThrows(DataFormatException.class, () -> TrnFormat.read(emptyId, SpeakerIds.SCLITE)).getMessage()
                .contains("empty.trn:1:5"));
    }

    @Test
    void trnRoundTrips() throws Exception {
        List<Utterance> in = List.of(Utterance.of("a_1", "a", "hello world"), Utterance.of("a_2", "a", ""));
        Path f = tmp.resolve("out.trn");
        TrnFormat.write(f, in);
        assertEquals("hello world (a_1)\n(a_2)\n", Files.readString(f));
        List<Utterance> back = TrnFormat.read(f, SpeakerIds.SCLITE);
        assertEquals("hello world", back.get(0).text());
        assertEquals("", back.get(1).text());
    }

    @Test
    void hypothesisIdsWithoutReferenceAreAnErrorAsInSclite() {
        List<Utterance> ref = List.of(Utterance.of("s_1", "s", "a"));
        List<Utterance> hyp = List.of(Utterance.of("s_1", "s", "a"), Utterance.of("s_9", "s", "b"));
        UserInputException e = assertThrows(UserInputException.class,
                () -> UtterancePairs.join(ref, hyp, MissingPolicy.SCLITE, "ref.trn", "hyp.trn"));
        assertTrue(e.getMessage().contains("s_9"), e.getMessage());
    }

    @Test
    void referenceIdsWithoutHypothesisAreListedAndSkippedOrDeletedByPolicy() {
        List<Utterance> ref = List.of(Utterance.of("s_1", "s", "a b"), Utterance.of("s_2", "s", "c d"));
        List<Utterance> hyp = List.of(Utterance.of("s_1", "s", "a b"), Utterance.of("s_3", "s", "x"));
        UtterancePairs all = UtterancePairs.join(ref, hyp, MissingPolicy.SCORE_ALL, "r", "h");
        assertEquals(List.of("s_2"), all.referenceOnly());
        assertEquals(List.of("s_3"), all.hypothesisOnly());
        assertEquals(3, all.pairs().size());
        List<Utterance> hypOk = List.of(Utterance.of("s_1", "s", "a b"));
        UtterancePairs sclite = UtterancePairs.join(ref, hypOk, MissingPolicy.SCLITE, "r", "h");
        assertEquals(1, sclite.pairs().size());
        assertEquals(List.of("s_2"), sclite.referenceOnly());
        assertThrows(UserInputException.class, () -> UtterancePairs.join(ref, hypOk, MissingPolicy.ERROR, "r", "h"));
    }

    @Test
    void ctmWordsJoinTheStmSegmentHoldingTheirMidpoint() throws Exception {
        Path stm = Files.writeString(tmp.resolve("r.stm"), ";; comment\n"
                + "f1 A spk1 0.00 2.00 <o,f0,male> the cat sat\n"
                + "f1 A spk1 2.50 4.00 on the mat\n"
                + "f1 A spk1 4.00 5.00 IGNORE_TIME_SEGMENT_IN_SCORING\n");
        Path ctm = Files.writeString(tmp.resolve("h.ctm"), "f1 A 0.10 0.30 the 0.9\n"
                + "f1 A 0.50 0.30 cat\n"
                + "f1 A 2.20 0.20 uh\n" // between the segments: nearest is the second (2.30 vs 2.50)
                + "f1 A 2.60 0.30 on\n"
                + "f1 A 3.00 0.30 a\n"
                + "f1 A 3.40 0.30 mat\n"
                + "f1 A 4.50 0.20 ignored\n"
                + "f2 A 0.00 0.20 orphan\n");
        List<TimeMarked.Segment> segments = TimeMarked.readStm(stm);
        assertEquals(List.of("o", "f0", "male"), segments.get(0).labels());
        List<Utterance> refs = TimeMarked.references(segments, "r.stm");
        List<Utterance> hyps = TimeMarked.hypotheses(segments, TimeMarked.readCtm(ctm), "h.ctm");
        assertEquals(2, refs.size());
        UtterancePairs pairs = UtterancePairs.join(refs, hyps, MissingPolicy.SCORE_ALL, "r.stm", "h.ctm");
        assertEquals(List.of("f2_A_unsegmented"), pairs.hypothesisOnly());
        List<ScoredUtterance> scored = new CorpusScorer(Normalizer.scliteDefault(), 1).score(pairs.pairs().stream()
                .map(p -> new CorpusScorer.Input(p.id(), p.speaker(), java.util.Map.of(), p.reference(), p.hypothesis()))
                .toList());
        assertEquals("the cat", scored.get(0).rawHypothesis());
        assertEquals("uh on a mat", scored.get(1).rawHypothesis());
        // seg1: C2 D1; seg2: "on the mat" vs "uh on a mat": I1 C1 S1 C1; orphan: I1
        assertEquals(1, scored.get(0).score().deletions());
        assertEquals(1, scored.get(1).score().insertions());
        assertEquals(1, scored.get(1).score().substitutions());
        assertEquals(1, scored.get(2).score().insertions());
    }

    @Test
    void malformedCtmNamesLineAndColumn() throws Exception {
        Path ctm = Files.writeString(tmp.resolve("bad.ctm"), "f1 A 0.1 0.2 a\nf1 A zero 0.2 b\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> TimeMarked.readCtm(ctm));
        assertEquals(2, e.line());
        assertEquals(3, e.column());
    }

    @Test
    void listingShowsRawAndNormalizedTextWithMarks() {
        List<ScoredUtterance> scored = new CorpusScorer(Normalizer.scliteDefault(), 1).score(List.of(
                new CorpusScorer.Input("s_1", "s", java.util.Map.of(), "The cat sat", "the bat sat down")));
        String listing = AlignmentListing.render(scored.get(0));
        assertEquals("id: (s_1)\n"
                + "Scores: (#C #S #D #I) 2 1 0 1\n"
                + "raw REF: The cat sat\n"
                + "raw HYP: the bat sat down\n"
                + "REF:  the CAT sat ****\n"
                + "HYP:  the BAT sat DOWN\n"
                + "Eval:     S       I\n", listing);
    }

    @Test
    void aRepeatedIdInEitherFileIsReportedAtItsOwnLineBeforeALaterMalformedOne(@TempDir Path dir) throws Exception {
        Path trn = dir.resolve("hyp.trn");
        Files.writeString(trn, "a (x)\nb (x)\nc\n");
        for (boolean reference : new boolean[] {true, false}) {
            DataFormatException e = assertThrows(DataFormatException.class, () -> TrnFormat.lines(trn, reference));
            assertTrue(e.getMessage().contains("utterance id 'x' already used on line 1"), e.getMessage());
            assertEquals(2, e.line(), e.getMessage());
        }
    }
    @Test
    void aHypothesisReadAfterItsReferenceJoinsAndFailsAsOneReadAlone(@TempDir Path dir) throws Exception {
        // ids that follow the reference's order are neither indexed nor made again; a file that stops following (a
        // repeated id, another order, fewer or more lines, a non-plain line) must pair and fail as when read alone
        Path ref = Files.writeString(dir.resolve("ref.trn"), "a b (s-1)\nc (s-2)\nd e (s-3)\n(s-4)\n");
        String[] hypotheses = {
            "a b (s-1)\nc (s-2)\nd e (s-3)\n(s-4)\n", // the same order
            "a b (s-1)\nc\t(s-2)\nd e (s-3)\n(s-4)\n", // a non-plain line in the same order
            "a b (s-1)\nc (s-2)\n", // fewer
            "a b (s-1)\nc (s-2)\nd e (s-3)\n(s-4)\nx (s-5)\n", // more
            "a b (s-1)\nd e (s-3)\nc (s-2)\n(s-4)\n", // another order
            "a b (s-1)\nc (s-2)\nx (s-1)\n(s-4)\n", // a repeated id after following
            "a b (s-1)\nc (s-2)\nd e (s-3)\n(s-4)\n(s-4)\n", // a repeated id after the reference's last
        };
        TrnLines refLines = TrnFormat.lines(ref, true);
        for (String h : hypotheses) {
            Path hyp = Files.writeString(dir.resolve("hyp.trn"), h);
            String alone;
            try {
                UtterancePairs p = UtterancePairs.join(refLines, TrnFormat.lines(hyp, false), SpeakerIds.SCLITE, MissingPolicy.SCORE_ALL);
                alone = p.pairs() + " " + p.referenceOnly() + " " + p.hypothesisOnly();
            } catch (DataFormatException e) {
                alone = e.getMessage() + " at " + e.line() + ":" + e.column();
            }
            String following;
            try {
                UtterancePairs p = UtterancePairs.join(refLines, TrnFormat.hypothesisLines(hyp, refLines), SpeakerIds.SCLITE,
                        MissingPolicy.SCORE_ALL);
                following = p.pairs() + " " + p.referenceOnly() + " " + p.hypothesisOnly();
            } catch (DataFormatException e) {
                following = e.getMessage() + " at " + e.line() + ":" + e.column();
            }
            assertEquals(alone, following, h);
        }
        Path hyp = Files.writeString(dir.resolve("hyp.trn"), hypotheses[5]);
        DataFormatException e = assertThrows(DataFormatException.class, () -> TrnFormat.hypothesisLines(hyp, refLines));
        assertEquals(3, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("utterance id 's-1' already used on line 1"), e.getMessage());
    }
    @Test
    void runsOfSpacesAnywhereInALineAreCollapsedAsTheLineReaderDoes() {
        // Lines of letters and single spaces (the eight-byte scan's domain) with, now and then, a run of spaces, a tab, a
        // '<' a non-ASCII letter or a bracket at every offset from an eight-byte boundary: each text must be its words joined by one space.
        java.util.Random random = new java.util.Random(7L);
        String[] words = {"a", "bb", "ccc", "Dddd", "eeeee", "ffffffffff"};
        String[] rare = {"  ", "   ", " \t", "\t", " <b ", " é ", "[x] ", " ~ ", "+h "};
        StringBuilder file = new StringBuilder();
        List<String> expected = new java.util.ArrayList<>();
        for (int u = 0; u < 20000; u++) {
            StringBuilder line = new StringBuilder();
            int n = 1 + random.nextInt(12);
            for (int k = 0; k < n; k++) {
                line.append(words[random.nextInt(words.length)]);
                line.append(k == n - 1 ? "" : random.nextInt(20) == 0 ? rare[random.nextInt(rare.length)] : " ");
            }
            String text = line.toString();
            file.append(text).append(" (s-").append(u).append(")\n");
            expected.add(String.join(" ", text.strip().split("\\s+")));
        }
        byte[] bytes = file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // a small file is read a byte at a time, one of a megabyte or more (the size is the reader's hint) eight at a time
        for (long sizeHint : new long[] {bytes.length, Math.max(bytes.length, 1 << 20)}) {
            TrnLines lines = TrnFormat.lines(new java.io.ByteArrayInputStream(bytes), "spaces.trn", true, sizeHint, null);
            assertEquals(expected.size(), lines.size());
            for (int k = 0; k < lines.size(); k++) {
                assertEquals(expected.get(k), lines.text(k), "line " + (k + 1) + ", size hint " + sizeHint);
            }
        }
    }
    @Test
    void speakersOfJoinedIdsFollowScliteRuleWhetherReadAsBytesOrAsStrings(@TempDir Path dir) throws Exception {
        // plain lines give the join their ids' bytes, a line with a tab a String: the speakers must be the same
        String[] ids = {"m_n-o_p", "a_b", "c", "x-y", "m_n-q", "a_c", "c", "x-z_1", "-lead", "_u", "p_q_r"};
        StringBuilder ref = new StringBuilder();
        for (int k = 0; k < ids.length; k++) {
            ref.append("w").append(k % 3 == 0 ? "\tv" : " v").append(" (").append(ids[k]).append(k).append(")\n");
        }
        Path trn = Files.writeString(dir.resolve("ids.trn"), ref.toString());
        for (SpeakerIds rule : SpeakerIds.values()) {
            UtterancePairs pairs = UtterancePairs.join(TrnFormat.lines(trn, true), TrnFormat.lines(trn, false), rule,
                    MissingPolicy.ERROR);
            List<String> expected = new java.util.ArrayList<>();
            for (int k = 0; k < ids.length; k++) {
                String speaker = rule.speakerOf(ids[k] + k);
                if (!expected.contains(speaker)) {
                    expected.add(speaker);
                }
                assertEquals(speaker, pairs.speakerLevels().get(pairs.speakerCodes()[k]), ids[k] + k);
            }
            assertEquals(expected, pairs.speakerLevels(), rule.toString());
        }
    }
}

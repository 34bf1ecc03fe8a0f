package org.fairhunt.speech.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairhunt.speech.TestData;
import org.fairhunt.speech.format.MissingPolicy;
import org.fairhunt.speech.format.SpeakerIds;
import org.fairhunt.speech.format.TrnFormat;
import org.fairhunt.speech.format.UtterancePairs;
import org.fairhunt.speech.normalize.Normalizer;
import org.junit.jupiter.api.Test;

/**
 * Per-voice and per-condition totals of the shared set equal the sclite summary published in its
 * README (percentages to one decimal, as sclite prints them); needs no sclite on the machine.
 */
class PublishedFiguresTest {

    // voice -> #Snt #Wrd Corr Sub Del Ins Err S.Err, from sclite's "SYSTEM SUMMARY PERCENTAGES by SPEAKER".
    private static final Map<String, String> BY_VOICE = Map.of(
            "awb", "160 1248 27.9 39.7 32.4 2.8 74.9 98.8",
            "rms", "160 1248 36.5 37.2 26.4 2.6 66.1 92.5",
            "slt", "160 1248 27.4 36.6 36.0 1.3 73.9 96.9",
            "kal16", "160 1248 32.1 42.5 25.3 1.8 69.7 96.3",
            "festkal", "160 1248 31.8 44.8 23.4 3.5 71.7 94.4",
            "ked", "160 1248 24.6 48.2 27.2 4.6 80.0 98.1",
            "slthts", "160 1248 34.8 34.1 31.1 0.8 66.0 91.9",
            "espus", "160 1248 13.5 56.1 30.4 3.4 90.0 100.0",
            "espscot", "160 1248 8.2 58.1 33.7 2.6 94.5 100.0",
            "all", "1440 11232 26.3 44.2 29.5 2.6 76.3 96.5");

    // condition -> the "Sum/Avg" row of the per-condition tables.
    private static final Map<String, String> BY_CONDITION = Map.of(
            "clean", "360 2808 55.9 37.9 6.1 3.2 47.2 88.1",
            "white10db", "360 2808 6.7 61.8 31.4 3.0 96.2 100.0",
            "imaging", "360 2808 39.7 50.6 9.7 4.0 64.3 98.1",
            "telephone", "360 2808 2.8 26.3 70.9 0.3 97.5 100.0");

    @Test
    void totalsByVoiceAndByConditionEqualScliteSummary() {
        var dir = TestData.speechDir();
        var pairs = UtterancePairs.join(TrnFormat.read(dir.resolve("ref.trn"), SpeakerIds.SCLITE),
                TrnFormat.read(dir.resolve("hyp.trn"), SpeakerIds.SCLITE), MissingPolicy.ERROR, "ref", "hyp");
        List<ScoredUtterance> scored = new CorpusScorer(Normalizer.scliteDefault(), 2).score(pairs.pairs().stream()
                .map(p -> new CorpusScorer.Input(p.id(), p.speaker(), Map.of(), p.reference(), p.hypothesis())).toList());
        Map<String, WerTotals> byVoice = CorpusScorer.totalsBy(scored, ScoredUtterance::speaker);
        byVoice.put("all", CorpusScorer.overall(scored));
        Map<String, WerTotals> byCondition = CorpusScorer.totalsBy(scored, s -> s.id().split("_")[1]);
        BY_VOICE.forEach((voice, row) -> assertEquals(row, summaryRow(byVoice.get(voice)), voice));
        BY_CONDITION.forEach((condition, row) -> assertEquals(row, summaryRow(byCondition.get(condition)), condition));
        // and the raw counts behind "all": Sub 44.2 % of 11232 etc. are consistent with the exact totals
        WerTotals all = byVoice.get("all");
        assertEquals(11232, all.referenceWords());
        assertEquals(1440, all.sentences());
    }

    private static String summaryRow(WerTotals t) {
        return t.sentences() + " " + t.referenceWords() + " " + pct(t.correctRate()) + " " + pct(t.substitutionRate())
                + " " + pct(t.deletionRate()) + " " + pct(t.insertionRate()) + " " + pct(t.wer()) + " " + pct(t.ser());
    }

    private static String pct(double rate) {
        return String.format(Locale.ROOT, "%.1f", 100 * rate);
    }
}

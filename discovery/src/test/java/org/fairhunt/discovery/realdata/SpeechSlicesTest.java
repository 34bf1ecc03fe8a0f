package org.fairhunt.discovery.realdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fairhunt.core.table.Table;
import org.fairhunt.discovery.slice.RowErrors;
import org.fairhunt.discovery.slice.SliceFeatures;
import org.fairhunt.discovery.slice.SliceFinder;
import org.fairhunt.discovery.slice.SliceFinding;
import org.fairhunt.discovery.slice.SliceReport;
import org.fairhunt.discovery.slice.SliceSearch;
import org.junit.jupiter.api.Test;

/**
 * Slices of high word error rate in the shared pocketsphinx set (9 voices × 4 conditions × 40
 * sentences). Expected figures are sclite's, published in shared/data/speech/README.md.
 */
class SpeechSlicesTest {

    private static SliceReport find(double alpha) {
        Table t = RealData.speechWithErrors();
        RowErrors wer = RowErrors.errorsOverUnits(t, "errors", "ref_words");
        SliceFeatures features = SliceFeatures.encode(t, List.of("voice", "condition"), 4, 100);
        return SliceFinder.find(features, wer, new SliceFinder.Options(new SliceSearch.Params(2, 20, 10, alpha, 2), 0.95, 0.05,
                SliceFinder.Ranking.SLICELINE));
    }

    @Test
    void overall_wer_equals_sclite() {
        SliceReport r = find(0.95);
        // sclite: all 1440 utterances, 11232 words, Err 76.3%
        assertEquals(11232, r.total().units(), 0);
        assertEquals(0.763, r.overallError(), 0.0005);
    }

    @Test
    void with_the_default_weight_the_telephone_condition_ranks_first() {
        // Whole conditions are large; at α = 0.95 size matters, so the worst condition wins: telephone,
        // sclite Err 97.5% against 76.3% overall.
        SliceFinding first = find(0.95).findings().get(0);
        assertEquals(List.of("condition = telephone"), first.predicates());
        assertEquals(0.975, first.error(), 0.0005);
        assertTrue(first.qValue() < 1e-6, "q = " + first.qValue());
    }

    @Test
    void weighting_error_over_size_finds_the_worst_voice_in_the_worst_condition() {
        // At α = 0.999 a 40-utterance cell can win: espscot in white noise, sclite Err 101.3%, the
        // highest of all 36 voice × condition cells.
        SliceFinding first = find(0.999).findings().get(0);
        assertEquals(List.of("voice = espscot", "condition = white10db"), first.predicates());
        assertEquals(1.013, first.error(), 0.0005);
        assertEquals(40, first.stats().rows());
    }
}

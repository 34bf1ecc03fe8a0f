package org.fairhunt.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.io.ReadOptions;
import org.fairhunt.core.io.TableReaders;
import org.fairhunt.core.result.MetricEstimate;
import org.fairhunt.core.result.SliceResult;
import org.fairhunt.core.table.ColumnType;
import org.fairhunt.core.table.Table;
import org.fairhunt.speech.normalize.Normalizer;
import org.fairhunt.speech.score.WerTotals;
import org.fairhunt.speech.tools.ExternalTools;
import org.fairhunt.speech.tools.Sclite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real end-to-end check: the shared set's CSV audited by voice, accent and condition through the
 * core engine; every slice's totals equal sclite's (summed from sclite's own per-utterance counts).
 */
class WerAuditTest {

    @TempDir
    Path tmp;

    private static Table csv(Path dir) {
        return TableReaders.read(dir.resolve("asr_eval.csv"), ReadOptions.defaults()
                .withTypeHint("reference", ColumnType.TEXT).withTypeHint("hypothesis", ColumnType.TEXT));
    }

    private static WerAudit.Result audit(Table table, int bootstrap, String cluster) {
        var options = new WerAudit.Options(Normalizer.scliteDefault(), List.of("voice", "accent", "condition"), 2, bootstrap,
                7, cluster, 30, 2, 0.95);
        return WerAudit.run(table, "utterance_id", "reference", "hypothesis", "voice", options, Map.of());
    }

    @Test
    void noteNodesEqualWhatTheJsonMapperMakesOfTheNote() {
        var mapper = org.fairhunt.core.result.AuditJson.mapper();
        Map<String, Object> nested = new java.util.LinkedHashMap<>();
        nested.put("slice", "speaker=a & accent=b");
        nested.put("speakers", 3);
        nested.put("none", null);
        List<Object> notes = new java.util.ArrayList<>(List.of("text", 7, 12345678901L, 0.25, true, List.of("a", "b"), List.of(),
                Map.of("k", List.of(1, 2)), nested, List.of(nested, nested), new SliceResult(Map.of("a", "b"), 3, false, Map.of())));
        notes.add(null);
        notes.add(Double.NaN);
        for (Object note : notes) {
            assertEquals(mapper.valueToTree(note).toString(), WerAudit.noteNode(note).toString(), String.valueOf(note));
            assertEquals((Object) mapper.valueToTree(note), WerAudit.noteNode(note), String.valueOf(note));
        }
    }

    @Test
    void estimateNodesEqualWhatTheJsonMapperMakesOfTheEstimate() {
        var mapper = org.fairhunt.core.result.AuditJson.mapper();
        List<MetricEstimate> estimates = new java.util.ArrayList<>(List.of(new MetricEstimate(0.125, null, null, null),
                MetricEstimate.undefined("no reference words"), new MetricEstimate(1e-17, null, null, "no bootstrap"),
                new MetricEstimate(Double.NaN, null, null, null), new MetricEstimate(3.0, "odd", null, "why not")));
        for (org.fairhunt.core.stats.IntervalMethod m : org.fairhunt.core.stats.IntervalMethod.values()) {
            estimates.add(new MetricEstimate(0.2, null, new org.fairhunt.core.stats.Interval(0.1, 0.35, 0.95, m), null));
            estimates.add(new MetricEstimate(null, "too few", new org.fairhunt.core.stats.Interval(-2.5, 7, 0.9, m), "r"));
        }
        for (MetricEstimate e : estimates) {
            assertEquals(mapper.valueToTree(e).toString(), WerAudit.estimateNode(e).toString(), e.toString());
            assertEquals((Object) mapper.valueToTree(e), WerAudit.estimateNode(e), e.toString());
        }
    }

    @Test
    void everySliceOfTheAuditHasScliteTotals() throws Exception {
        var exe = ExternalTools.sclite();
        assumeTrue(exe.isPresent(), "sclite (Debian package sctk) is not installed");
        Path dir = TestData.speechDir();
        Sclite.Result sclite = new Sclite(exe.get()).run(dir.resolve("ref.trn"), dir.resolve("hyp.trn"), false, tmp);
        Table table = csv(dir);
        WerAudit.Result r = audit(table, 0, null);
        Map<String, WerTotals> ours = WerAudit.sliceTotals(r);
        // expected: sclite's per-utterance counts summed over the rows of each slice
        Map<String, long[]> expected = new HashMap<>();
        for (SliceResult s : r.audit().slices()) {
            long[] sum = new long[4];
            for (int row = 0; row < table.rowCount(); row++) {
                boolean in = true;
                for (var e : s.attributes().entrySet()) {
                    in &= table.column(e.getKey()).text(row).equals(e.getValue());
                }
                if (in) {
                    Sclite.Counts c = sclite.utterances().get(table.column("utterance_id").text(row));
                    sum[0] += c.correct();
                    sum[1] += c.substitutions();
                    sum[2] += c.deletions();
                    sum[3] += c.insertions();
                }
            }
            expected.put(s.label(), sum);
        }
        // overall, 9 voices, 2 accents, 4 conditions, then the pairs present in the data:
        // voice×accent 9, voice×condition 36, accent×condition 8
        assertEquals(1 + 9 + 2 + 4 + 9 + 36 + 8, r.audit().slices().size());
        for (SliceResult s : r.audit().slices()) {
            long[] e = expected.get(s.label());
            WerTotals t = ours.get(s.label());
            assertEquals(List.of(e[0], e[1], e[2], e[3]),
                    List.of(t.correct(), t.substitutions(), t.deletions(), t.insertions()), s.label());
            double wer = (double) (e[1] + e[2] + e[3]) / (e[0] + e[1] + e[2]);
            assertEquals(wer, s.metric("wer").value(), 1e-12, s.label());
        }
    }

    @Test
    void publishedWerByVoiceAndConditionComesOutOfTheEngine() {
        WerAudit.Result r = audit(csv(TestData.speechDir()), 0, null);
        Map<String, Double> wer = new HashMap<>();
        for (SliceResult s : r.audit().slices()) {
            wer.put(s.label(), s.metric("wer").value());
        }
        // README tables (sclite Err, percent, one decimal)
        assertEquals(76.3, round(wer.get("(all)")));
        assertEquals(74.9, round(wer.get("voice=awb")));
        assertEquals(94.5, round(wer.get("voice=espscot")));
        assertEquals(47.2, round(wer.get("condition=clean")));
        assertEquals(97.5, round(wer.get("condition=telephone")));
        assertEquals(42.3, round(wer.get("voice=awb & condition=clean")));
        assertEquals(101.3, round(wer.get("voice=espscot & condition=white10db")));
        assertEquals(96.5, Math.round(1000 * r.audit().overall().metric("ser").value()) / 10.0);
    }

    private static double round(double rate) {
        return Math.round(1000 * rate) / 10.0;
    }

    @Test
    void bootstrapClusteredBySentenceGivesIntervalsAroundTheEstimateAndReportsAreWritten() throws Exception {
        WerAudit.Result r = audit(csv(TestData.speechDir()), 200, "sentence_id");
        MetricEstimate clean = null;
        for (SliceResult s : r.audit().slices()) {
            if (s.label().equals("voice=awb & condition=clean")) {
                clean = s.metric("wer");
            }
        }
        assertNotNull(clean);
        assertNotNull(clean.ci());
        assertTrue(clean.ci().lo() < clean.value() && clean.value() < clean.ci().hi());
        // README: 42.3 [34.5, 50.6] from 10 000 sentence resamples; 200 Poisson replicates land near it
        assertEquals(0.345, clean.ci().lo(), 0.04);
        assertEquals(0.506, clean.ci().hi(), 0.04);
        var files = new java.util.ArrayList<>(WerAudit.writeNormalizedTrn(r, tmp.resolve("out")));
        files.add(WerAudit.writeAlignments(r, tmp.resolve("out"), 3));
        String listing = Files.readString(tmp.resolve("out/alignments.txt"));
        assertTrue(listing.contains("==== voice=awb: 3 worst of 160 utterances"), listing.substring(0, 200));
        assertTrue(r.audit().extensions().containsKey("speech"));
        assertEquals(3, files.size());
    }
}

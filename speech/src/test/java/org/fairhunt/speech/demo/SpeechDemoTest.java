package org.fairhunt.speech.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import org.fairhunt.speech.WerAudit;
import org.fairhunt.speech.audio.Audio;
import org.fairhunt.speech.audio.Signals;
import org.fairhunt.speech.audio.WavFile;
import org.fairhunt.speech.score.WerTotals;
import org.fairhunt.speech.tools.ExternalTools;
import org.fairhunt.speech.tools.Sclite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole last-mile loop on this machine: flite → conditions → pocketsphinx → audit, checked against sclite. */
class SpeechDemoTest {

    @TempDir
    Path tmp;

    @Test
    void synthesizedConditionedAndTranscribedSpeechIsAuditedWithScliteTotals() throws Exception {
        assumeTrue(ExternalTools.flite().isPresent(), "flite is not installed");
        assumeTrue(ExternalTools.pocketsphinxContinuous().isPresent(), "pocketsphinx is not installed");
        var voices = List.of(SpeechDemo.VOICES.get(0), SpeechDemo.VOICES.get(2)); // awb (scottish), slt (us)
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        SpeechDemo.Outcome o = SpeechDemo.run(tmp, 1, voices, SpeechDemo.CONDITIONS, 50, 3, 2, quiet);
        assertEquals(List.of(), o.failures());
        WerAudit.Result r = o.result();
        assertEquals(1 * 2 * 3, r.table().rowCount());
        WerTotals ours = WerAudit.sliceTotals(r).get("(all)");

        // The noisy file really is 20 dB below the clean speech.
        Audio clean = WavFile.read(tmp.resolve("clean/slt-clean_s01.wav"));
        Audio noisy = WavFile.read(tmp.resolve("white-noise-snr20/slt-white-noise-snr20_s01.wav"));
        float[] noise = new float[clean.length()];
        for (int k = 0; k < noise.length; k++) {
            noise[k] = noisy.samples()[k] - clean.samples()[k];
        }
        assertEquals(20.0, Signals.db(Signals.speechRms(clean.samples()) / Signals.rms(noise)), 0.05);
        assertEquals(-26.0, Signals.db(Signals.speechRms(clean.samples())), 0.05);

        WerAudit.writeNormalizedTrn(r, tmp.resolve("report"));
        var exe = ExternalTools.sclite();
        assumeTrue(exe.isPresent(), "sclite is not installed");
        Sclite.Result sclite = new Sclite(exe.get()).run(tmp.resolve("report/ref.norm.trn"), tmp.resolve("report/hyp.norm.trn"),
                false, tmp);
        long c = 0, s = 0, d = 0, i = 0;
        for (Sclite.Counts x : sclite.utterances().values()) {
            c += x.correct();
            s += x.substitutions();
            d += x.deletions();
            i += x.insertions();
        }
        assertEquals(List.of(c, s, d, i), List.of(ours.correct(), ours.substitutions(), ours.deletions(), ours.insertions()));
        assertTrue(c + s + d > 0);
        // every voice, accent and condition has its slice
        List<String> labels = r.audit().slices().stream().map(x -> x.label()).toList();
        for (String expected : List.of("voice=awb", "voice=slt", "accent=scottish", "accent=us", "condition=clean",
                "condition=white-noise-snr20", "condition=tone-freq1000-on0.1-off0.4-level-5")) {
            assertTrue(labels.contains(expected), expected + " in " + labels);
        }
    }
}

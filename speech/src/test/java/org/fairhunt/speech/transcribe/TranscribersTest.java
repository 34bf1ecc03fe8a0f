package org.fairhunt.speech.transcribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.UserInputException;
import org.fairhunt.speech.TestData;
import org.fairhunt.speech.audio.Signals;
import org.fairhunt.speech.audio.WavFile;
import org.fairhunt.speech.format.SpeakerIds;
import org.fairhunt.speech.format.TrnFormat;
import org.fairhunt.speech.format.Utterance;
import org.fairhunt.speech.tools.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscribersTest {

    @TempDir
    Path tmp;

    private Path script(String name, String body) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void oneFailingAndOneHangingFileDoNotStopTheBatch() throws Exception {
        // The "recognizer" answers by file name: ok -> text, bad -> exit 3, slow -> hangs.
        Path asr = script("asr.sh", "case \"$1\" in\n*ok*) echo \"  Hello\n  world \";;\n"
                + "*bad*) echo 'model not found' >&2; exit 3;;\n*slow*) sleep 30;;\nesac");
        List<Path> files = List.of(tmp.resolve("ok.wav"), tmp.resolve("bad.wav"), tmp.resolve("slow.wav"));
        var batch = new BatchTranscription(new CommandTranscriber(asr + " {wav}"), 3, Duration.ofMillis(1500));
        long t0 = System.nanoTime();
        List<BatchTranscription.Outcome> out = batch.run(files, null);
        assertTrue((System.nanoTime() - t0) / 1e9 < 15, "the hanging file was killed at its timeout");
        assertEquals("Hello world", out.get(0).text());
        assertNull(out.get(0).failure());
        assertFalse(out.get(1).ok());
        assertTrue(out.get(1).failure().contains("status 3") && out.get(1).failure().contains("model not found"),
                out.get(1).failure());
        assertTrue(out.get(2).failure().contains("timed out"), out.get(2).failure());
    }

    @Test
    void commandWithoutPlaceholderIsRejected() {
        assertThrows(UserInputException.class, () -> new CommandTranscriber("my-asr --model x"));
    }

    @Test
    void pocketsphinxReproducesTheSharedSetTranscripts() {
        assumeTrue(ExternalTools.pocketsphinxContinuous().isPresent(), "pocketsphinx is not installed");
        Path dir = TestData.speechDir();
        Map<String, String> expected = new HashMap<>();
        for (Utterance u : TrnFormat.read(dir.resolve("hyp.trn"), SpeakerIds.SCLITE)) {
            expected.put(u.id(), u.text());
        }
        List<String> ids = List.of("awb_clean_s01", "rms_imaging_s03");
        List<Path> wavs = ids.stream().map(id -> dir.resolve("wav/" + id + ".wav")).toList();
        var out = new BatchTranscription(PocketsphinxTranscriber.installed(), 2, Duration.ofSeconds(60)).run(wavs, null);
        for (int k = 0; k < ids.size(); k++) {
            assertTrue(out.get(k).ok(), out.get(k).failure());
            assertEquals(expected.get(ids.get(k)), out.get(k).text(), ids.get(k));
        }
    }

    @Test
    void pocketsphinxTakesAnotherSampleRateByResamplingIt() throws Exception {
        assumeTrue(ExternalTools.pocketsphinxContinuous().isPresent(), "pocketsphinx is not installed");
        Path clean = TestData.speechDir().resolve("wav/rms_clean_s02.wav");
        Path wide = tmp.resolve("rms_22k.wav");
        // 22.05 kHz holds the whole 16 kHz band, so after resampling back the decoder hears the same speech.
        WavFile.write(wide, Signals.resample(WavFile.read(clean), 22050), null);
        var ps = PocketsphinxTranscriber.installed();
        String original = ps.transcribe(clean, Duration.ofSeconds(60));
        String viaResampling = ps.transcribe(wide, Duration.ofSeconds(60));
        assertFalse(original.isEmpty());
        assertEquals(original, viaResampling);
    }

    @Test
    void notPcmAudioFailsThatFileWithAReason() throws Exception {
        assumeTrue(ExternalTools.pocketsphinxContinuous().isPresent(), "pocketsphinx is not installed");
        Path text = Files.writeString(tmp.resolve("notes.wav"), "this is not audio at all, just text");
        var out = new BatchTranscription(PocketsphinxTranscriber.installed(), 1, Duration.ofSeconds(30))
                .run(List.of(text), null);
        assertTrue(out.get(0).failure().contains("not a WAV file"), out.get(0).failure());
    }
}

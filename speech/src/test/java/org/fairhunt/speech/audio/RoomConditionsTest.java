package org.fairhunt.speech.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.fairhunt.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conditions of real rooms, checked numerically against definitions and published figures. */
class RoomConditionsTest {
    private static final int RATE = 16000;

    @TempDir
    Path dir;

    private static Audio speechLike() {
        return ConditionsTest.speechLike();
    }

    @Test
    void g711_code_words_match_the_standard() {
        // ITU-T G.711: silence is 0xFF in mu-law and 0xD5 in A-law (after the line inversions); full scale 0x80/0x00 and 0xAA/0x2A
        assertEquals(0xFF, RoomConditions.G711.muLawEncode(0));
        assertEquals(0x80, RoomConditions.G711.muLawEncode(32767));
        assertEquals(0x00, RoomConditions.G711.muLawEncode(-32768));
        assertEquals(0xD5, RoomConditions.G711.aLawEncode(0));
        assertEquals(0xAA, RoomConditions.G711.aLawEncode(32767));
        assertEquals(0x2A, RoomConditions.G711.aLawEncode(-32768));
        // every code word decodes to a value that encodes back to the same code word (both laws)
        for (int code = 0; code < 256; code++) {
            int mu = RoomConditions.G711.muLawDecode(code);
            if (code != 0x7F) { // 0x7F and 0xFF both decode to zero in mu-law; 0 encodes as 0xFF
                assertEquals(code, RoomConditions.G711.muLawEncode(mu), "mu-law code " + code);
            }
            assertEquals(code, RoomConditions.G711.aLawEncode(RoomConditions.G711.aLawDecode(code)), "A-law code " + code);
        }
    }

    @Test
    void g711_round_trip_error_is_the_companded_quantization_noise() {
        // the same 1013 Hz sine at 0.3 of full scale, 8 kHz, encoded and decoded by sox 14.4.2 (an independent G.711
        // implementation: sox -e u-law / -e a-law -b 8 and back) gives 36.96 dB (mu-law) and 36.10 dB (A-law); the textbook
        // figure for the companded range, 6.02*8 + 4.77 - 20 log10(ln 256) = 38.05 dB, is for a uniformly spread log level
        int n = 8000 * 4;
        for (boolean mu : new boolean[] {true, false}) {
            double signal = 0;
            double noise = 0;
            for (int k = 0; k < n; k++) {
                int pcm = (int) Math.round(32767 * 0.3 * Math.sin(2 * Math.PI * 1013 * k / 8000.0));
                int back = mu ? RoomConditions.G711.muLawDecode(RoomConditions.G711.muLawEncode(pcm))
                        : RoomConditions.G711.aLawDecode(RoomConditions.G711.aLawEncode(pcm));
                signal += (double) pcm * pcm;
                noise += (double) (back - pcm) * (back - pcm);
            }
            double sqnr = 10 * Math.log10(signal / noise);
            assertEquals(mu ? 36.96 : 36.10, sqnr, 0.05, (mu ? "mu" : "A") + "-law SQNR");
        }
        // through the whole condition (8 kHz channel and back): a 1 kHz tone keeps its level within 0.5 dB
        Audio in = speechLike();
        Audio out = Conditions.parse("mulaw").apply(in, 1);
        assertEquals(in.length(), out.length());
        assertEquals(Signals.db(Signals.speechRms(in.samples())), Signals.db(Signals.speechRms(out.samples())), 0.5);
    }

    @Test
    void gsm_through_sox_keeps_length_and_level_and_loses_detail() {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.fairhunt.speech.tools.ExternalTools.find(List.of("sox"), List.of()).isPresent(),
                "sox is not installed");
        Audio in = speechLike();
        Audio out = Conditions.parse("gsm").apply(in, 1);
        assertEquals(in.length(), out.length());
        assertEquals(Signals.db(Signals.speechRms(in.samples())), Signals.db(Signals.speechRms(out.samples())), 2.0);
        // a 13 kbit/s vocoder keeps the tones but not the waveform: far worse than G.711's 36 dB, still above 0 dB
        double sdr = Signals.db(Signals.speechRms(in.samples()) / Signals.rms(minus(out.samples(), in.samples())));
        assertTrue(sdr > 0 && sdr < 30, "GSM signal-to-distortion " + sdr);
        assertArrayEquals(out.samples(), Conditions.parse("gsm").apply(in, 2).samples(), "deterministic");
    }

    @Test
    void generated_impulse_response_has_the_requested_rt60_and_direct_to_reverberant_ratio() {
        double[] h = RoomConditions.Reverb.generate(0.6, new double[] {6, 4, 3}, 2, RATE, 7);
        double[] edc = Signals.energyDecayDb(h);
        // T20 (ISO 3382-1): least-squares slope of the Schroeder curve between -5 and -25 dB, times 3
        double rt = fitDecay(edc, -5, -25) * 3;
        assertEquals(0.6, rt, 0.03, "RT60 from T20");
        assertEquals(0.6, fitDecay(edc, -5, -35) * 2, 0.03, "RT60 from T30");
        // energy of the tail relative to the direct sound: (r / r_c)^2 with r_c = 0.057 sqrt(72 / 0.6) = 0.6244 m
        double tail = 0;
        for (int k = 1; k < h.length; k++) {
            tail += h[k] * h[k];
        }
        double rc = 0.057 * Math.sqrt(72 / 0.6);
        assertEquals(10 * Math.log10((2 / rc) * (2 / rc)), 10 * Math.log10(tail / (h[0] * h[0])), 0.01);
    }

    /** Seconds for the decay curve to fall by {@code from - to} dB, by least squares between the two levels. */
    private static double fitDecay(double[] edc, double from, double to) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int k = 0; k < edc.length; k++) {
            if (edc[k] <= from && edc[k] >= to) {
                double t = (double) k / RATE;
                sx += t;
                sy += edc[k];
                sxx += t * t;
                sxy += t * edc[k];
                n++;
            }
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx); // dB per second
        return (from - to) / -slope;
    }

    @Test
    void reverb_keeps_length_and_speech_level_and_is_seeded() {
        Audio in = speechLike();
        AcousticCondition c = Conditions.parse("reverb:rt60=0.4,room=5x4x3,distance=1.5");
        assertEquals("reverb:rt60=0.4,room=5x4x3,distance=1.5", c.spec());
        Audio a = c.apply(in, 3);
        assertEquals(in.length(), a.length());
        // the same speech level (within 0.1 dB: the tail moves the -60 dBFS span the level is measured over)
        assertEquals(Signals.db(Signals.speechRms(in.samples())), Signals.db(Signals.speechRms(a.samples())), 0.1);
        assertArrayEquals(a.samples(), c.apply(in, 3).samples());
        assertFalse(java.util.Arrays.equals(a.samples(), c.apply(in, 4).samples()));
    }

    @Test
    void reverb_with_a_given_impulse_response_is_a_convolution() throws Exception {
        // an impulse response of a unit impulse and a half-amplitude echo 100 samples later
        float[] ir = new float[200];
        ir[0] = 0.5f;
        ir[100] = 0.25f;
        Path file = dir.resolve("room.wav");
        WavFile.write(file, new Audio(ir, RATE), "test");
        Audio in = speechLike();
        Audio out = Conditions.parse("reverb:rir=" + file).apply(in, 1);
        // expected: x[k] + 0.5 x[k-100] (16-bit quantized impulse response), scaled back to the input's speech level
        Audio h = WavFile.read(file);
        float[] y = new float[in.length()];
        for (int k = 0; k < y.length; k++) {
            y[k] = h.samples()[0] * in.samples()[k] + (k >= 100 ? h.samples()[100] * in.samples()[k - 100] : 0);
        }
        double g = Signals.speechRms(in.samples()) / Signals.speechRms(y);
        for (int k = 0; k < y.length; k += 97) {
            assertEquals(y[k] * g, out.samples()[k], 1e-5, "sample " + k);
        }
    }

    @Test
    void noise_file_is_mixed_at_the_snr_from_a_seeded_offset() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        float[] noise = new float[8000 * 3]; // 3 s at 8 kHz: resampled to 16 kHz and looped over the 2.6 s input
        for (int k = 0; k < noise.length; k++) {
            noise[k] = (float) (0.05 * (r.nextDouble() - 0.5) + 0.1 * Math.sin(2 * Math.PI * 300 * k / 8000.0));
        }
        Path file = dir.resolve("floor3.wav");
        WavFile.write(file, new Audio(noise, 8000), "site");
        Audio in = speechLike();
        AcousticCondition c = Conditions.parse("noise-file:" + file + ",snr=10");
        assertEquals("noise-file-floor3-snr10", c.label());
        Audio a = c.apply(in, 11);
        double achieved = Signals.db(Signals.speechRms(in.samples()) / Signals.rms(minus(a.samples(), in.samples())));
        assertEquals(10.0, achieved, 0.01);
        assertArrayEquals(a.samples(), c.apply(in, 11).samples());
        assertFalse(java.util.Arrays.equals(a.samples(), c.apply(in, 12).samples()), "another seed, another offset");
    }

    @Test
    void noise_file_that_is_not_audio_is_refused_with_its_name() throws Exception {
        Path file = dir.resolve("notes.wav");
        Files.writeString(file, "this is not audio");
        UserInputException e = assertThrows(UserInputException.class,
                () -> Conditions.parse("noise-file:" + file + ",snr=10").apply(speechLike(), 1));
        assertTrue(e.getMessage().contains("notes.wav") && e.getMessage().contains("not a WAV"), e.getMessage());
        assertThrows(UserInputException.class, () -> Conditions.parse("noise-file:" + dir.resolve("missing.wav") + ",snr=10"));
        assertThrows(UserInputException.class, () -> Conditions.parse("noise-file:" + file));
    }

    @Test
    void clean_is_the_unchanged_signal() {
        Audio in = speechLike();
        assertArrayEquals(in.samples(), Conditions.parse("clean").apply(in, 9).samples());
        assertEquals("clean", Conditions.parse("clean").label());
    }

    @Test
    void clipping_is_counted_in_conditions_jsonl() throws Exception {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        Audio a = speechLike();
        WavFile.write(in.resolve("u1.wav"), a, "test");
        Audio read = WavFile.read(in.resolve("u1.wav"));
        long expected = 0;
        float g = (float) Signals.amplitude(20);
        for (float v : read.samples()) {
            if (Math.abs(v * g) > 1f) {
                expected++;
            }
        }
        assertTrue(expected > 0);
        Augmentation.run(in, List.of(Conditions.parse("gain:db=20"), Conditions.parse("clean")), dir.resolve("out"), 1, 1);
        List<String> lines = Files.readAllLines(dir.resolve("out/conditions.jsonl"));
        ObjectMapper m = new ObjectMapper();
        JsonNode gain = m.readTree(lines.get(0));
        JsonNode clean = m.readTree(lines.get(1));
        assertEquals(expected, gain.get("clipped_samples").asLong());
        assertEquals(expected / (double) read.length(), gain.get("clipped_fraction").asDouble(), 1e-12);
        assertEquals(0, clean.get("clipped_samples").asLong());
    }

    @Test
    void noise_profile_recovers_a_periodic_machine_beep() {
        int rate = 16000;
        float[] x = new float[rate * 5];
        SplittableRandom r = new SplittableRandom(2);
        for (int k = 0; k < x.length; k++) {
            double t = (double) k / rate;
            double inCycle = t % 0.5;
            x[k] = (float) ((inCycle < 0.1 ? 0.2 * Math.sin(2 * Math.PI * 1000 * t) : 0) + 0.001 * (r.nextDouble() - 0.5));
        }
        NoiseProfile p = NoiseProfile.of(new Audio(x, rate));
        assertEquals(1000, p.peaks().get(0)[0], 2);
        assertTrue(p.periodic());
        assertEquals(0.1, p.onSeconds(), 0.011);
        assertEquals(0.4, p.offSeconds(), 0.011);
        // the beep's RMS while on: 0.2 / sqrt 2 = -16.99 dBFS
        assertEquals(-16.99, p.onLevelDbfs(), 0.3);
        String tone = p.equivalentCondition(-26);
        assertTrue(tone.startsWith("tone:freq=1000,on=0.1,off=0.4,level=9"), tone);
        assertEquals("tone", Conditions.parse(tone).name());
    }

    @Test
    void noise_profile_separates_a_continuous_hum_from_a_beep() {
        int rate = 16000;
        float[] x = new float[rate * 6];
        for (int k = 0; k < x.length; k++) {
            double t = (double) k / rate;
            x[k] = (float) (0.05 * Math.sin(2 * Math.PI * 100 * t) + ((t % 0.5) < 0.2 ? 0.08 * Math.sin(2 * Math.PI * 1000 * t) : 0));
        }
        NoiseProfile p = NoiseProfile.of(new Audio(x, rate));
        NoiseProfile.Pattern hum = p.patterns().stream().filter(q -> Math.abs(q.frequency() - 100) < 2).findFirst().orElseThrow();
        NoiseProfile.Pattern beep = p.patterns().stream().filter(q -> Math.abs(q.frequency() - 1000) < 2).findFirst().orElseThrow();
        assertFalse(hum.periodic());
        assertTrue(beep.periodic());
        assertEquals(0.2, beep.onSeconds(), 0.011);
        assertEquals(0.3, beep.offSeconds(), 0.011);
        // hum RMS 0.05 / sqrt 2 = -29.03 dBFS; beep RMS while on 0.08 / sqrt 2 = -24.95 dBFS
        assertEquals(-29.03, hum.levelDbfs(), 0.3);
        assertEquals(-24.95, beep.levelDbfs(), 0.3);
        String chain = p.equivalentCondition(-26);
        assertTrue(chain.contains("tone:freq=100,on=1,off=0,level=-3") && chain.contains("tone:freq=1000,on=0.2,off=0.3,level=1"), chain);
        assertEquals(2, chain.split("\\+").length);
        Conditions.parse(chain);
    }

    @Test
    void noise_profile_of_white_noise_is_broadband() {
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[RATE * 2];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) (0.1 * (r.nextDouble() - 0.5));
        }
        NoiseProfile p = NoiseProfile.of(new Audio(x, RATE));
        assertTrue(p.peaks().isEmpty());
        assertFalse(p.periodic());
        assertTrue(p.equivalentCondition(-26).startsWith("white-noise:snr="), p.equivalentCondition(-26));
    }

    private static float[] minus(float[] a, float[] b) {
        return ConditionsTest.minus(a, b);
    }
}

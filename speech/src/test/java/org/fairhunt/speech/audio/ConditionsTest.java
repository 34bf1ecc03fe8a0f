package org.fairhunt.speech.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.fairhunt.core.UserInputException;
import org.junit.jupiter.api.Test;

/** Conditions are checked numerically: achieved SNR, tone level and frequency, spectra. */
class ConditionsTest {

    private static final int RATE = 16000;

    /** 2 s of a 440 Hz + 1320 Hz "voice" at about -20 dBFS between 0.3 s of digital silence each side. */
    static Audio speechLike() {
        int pad = (int) (0.3 * RATE);
        int body = 2 * RATE;
        float[] x = new float[pad + body + pad];
        for (int k = 0; k < body; k++) {
            double t = (double) k / RATE;
            x[pad + k] = (float) (0.1 * Math.sin(2 * Math.PI * 440 * t) + 0.05 * Math.sin(2 * Math.PI * 1320 * t));
        }
        return new Audio(x, RATE);
    }

    static float[] minus(float[] a, float[] b) {
        float[] d = new float[a.length];
        for (int k = 0; k < a.length; k++) {
            d[k] = a[k] - b[k];
        }
        return d;
    }

    /** Mean power around {@code f} over 1024-sample Hann frames (Welch), in dB. */
    private static double bandDb(float[] x, double f) {
        double sum = 0;
        int frames = 0;
        for (int start = 0; start + 1024 <= x.length; start += 512) {
            sum += Signals.tonePower(x, start, start + 1024, f, RATE);
            frames++;
        }
        return 10 * Math.log10(sum / frames);
    }

    @Test
    void whiteNoiseHitsTheTargetSnrAgainstTheSpeechRms() {
        Audio clean = speechLike();
        // speech RMS by hand: sqrt(0.1²/2 + 0.05²/2) = 0.0790569
        assertEquals(0.0790569, Signals.speechRms(clean.samples()), 2e-5);
        Audio noisy = Conditions.parse("white-noise:snr=10").apply(clean, 42);
        double noiseRms = Signals.rms(minus(noisy.samples(), clean.samples()));
        assertEquals(10.0, Signals.db(0.0790569 / noiseRms), 0.01);
        // still 10 dB once quantized to 16 bits
        Audio written = WavFile.read(WavFile.toBytes(noisy, null), "mem");
        Audio cleanWritten = WavFile.read(WavFile.toBytes(clean, null), "mem");
        double quantizedNoise = Signals.rms(minus(written.samples(), cleanWritten.samples()));
        assertEquals(10.0, Signals.db(Signals.speechRms(cleanWritten.samples()) / quantizedNoise), 0.02);
    }

    @Test
    void whiteNoiseSpectrumIsFlatAndPinkFallsThreeDbPerOctave() {
        Audio silenceWithSpeech = speechLike();
        float[] white = minus(Conditions.parse("white-noise:snr=0").apply(silenceWithSpeech, 1).samples(),
                silenceWithSpeech.samples());
        assertEquals(0.0, bandDb(white, 6000) - bandDb(white, 700), 1.0);
        float[] pink = minus(Conditions.parse("pink-noise:snr=0").apply(silenceWithSpeech, 1).samples(),
                silenceWithSpeech.samples());
        // 250 Hz -> 4000 Hz is four octaves: -12 dB
        assertEquals(-12.0, bandDb(pink, 4000) - bandDb(pink, 250), 1.5);
        assertEquals(-3.0, bandDb(pink, 2000) - bandDb(pink, 1000), 1.0);
    }

    @Test
    void toneBeepsAtItsFrequencyAndLevelAndIsSilentBetweenBeeps() {
        Audio clean = speechLike();
        Audio beeping = Conditions.parse("tone:freq=1000,on=0.1,off=0.4,level=-5").apply(clean, 0);
        float[] tone = minus(beeping.samples(), clean.samples());
        int on = (int) (0.1 * RATE);
        // the first beep (0 - 0.1 s) lies in the leading silence; its RMS is speech RMS - 5 dB
        assertEquals(Signals.db(0.0790569) - 5, Signals.db(Signals.rms(tone, 0, on)), 0.01);
        assertEquals(0.0, Signals.rms(tone, on + 1, 5 * on - 1), 1e-7);
        assertEquals(Signals.rms(tone, 0, on), Signals.rms(tone, 5 * on, 6 * on), 1e-4); // second beep at 0.5 s
        double atTone = Signals.tonePower(tone, 0, on, 1000, RATE);
        double offTone = Signals.tonePower(tone, 0, on, 1300, RATE);
        assertTrue(10 * Math.log10(atTone / offTone) > 40, "tone energy sits at 1000 Hz");
    }

    @Test
    void telephoneKeepsTheVoiceBandAndRemovesLowAndHighFrequencies() {
        int n = 2 * RATE;
        float[] x = new float[n];
        for (int k = 0; k < n; k++) {
            double t = (double) k / RATE;
            x[k] = (float) (0.2 * (Math.sin(2 * Math.PI * 100 * t) + Math.sin(2 * Math.PI * 1000 * t)
                    + Math.sin(2 * Math.PI * 5000 * t)));
        }
        Audio in = new Audio(x, RATE);
        Audio out = Conditions.parse("telephone").apply(in, 0);
        assertEquals(RATE, out.sampleRate());
        assertEquals(n, out.length());
        int from = RATE / 4, to = n - RATE / 4; // away from the edges
        double inPower = Signals.tonePower(x, from, to, 1000, RATE);
        assertEquals(0.0, 10 * Math.log10(Signals.tonePower(out.samples(), from, to, 1000, RATE) / inPower), 0.5);
        assertTrue(10 * Math.log10(Signals.tonePower(out.samples(), from, to, 100, RATE) / inPower) < -30, "100 Hz removed");
        assertTrue(10 * Math.log10(Signals.tonePower(out.samples(), from, to, 5000, RATE) / inPower) < -40, "5 kHz removed");
    }

    @Test
    void clipLimitsThePeakAndGainScalesTheLevel() {
        Audio clean = speechLike();
        Audio clipped = Conditions.parse("clip:level=-6").apply(clean, 0);
        float peak = 0;
        for (float v : clean.samples()) {
            peak = Math.max(peak, Math.abs(v));
        }
        float clippedPeak = 0;
        for (float v : clipped.samples()) {
            clippedPeak = Math.max(clippedPeak, Math.abs(v));
        }
        assertEquals(peak * Math.pow(10, -6 / 20.0), clippedPeak, 1e-6);
        Audio louder = Conditions.parse("gain:db=6").apply(clean, 0);
        assertEquals(6.0, Signals.db(Signals.rms(louder.samples()) / Signals.rms(clean.samples())), 1e-4);
    }

    @Test
    void sameSeedSameNoiseDifferentSeedDifferentNoise() {
        Audio clean = speechLike();
        var c = Conditions.parse("white-noise:snr=5");
        assertArrayEquals(c.apply(clean, 9).samples(), c.apply(clean, 9).samples());
        assertFalse(Arrays.equals(c.apply(clean, 9).samples(), c.apply(clean, 10).samples()));
    }

    @Test
    void specsAreCanonicalAndChainsApplyInTurn() {
        assertEquals("tone:freq=1000,on=0.1,off=0.4,level=-5", Conditions.parse("tone").spec());
        assertEquals("white-noise-snr10", Conditions.parse("white-noise: snr=10").label());
        var chain = Conditions.parse("telephone+gain:db=-6");
        assertEquals("telephone:low=300,high=3400,rate=8000+gain:db=-6", chain.spec());
        Audio clean = speechLike();
        Audio expected = Conditions.parse("gain:db=-6").apply(Conditions.parse("telephone").apply(clean, 0), 0);
        assertArrayEquals(expected.samples(), chain.apply(clean, 0).samples());
    }

    @Test
    void badSpecsAreUserErrorsThatSayWhatIsExpected() {
        assertTrue(assertThrows(UserInputException.class, () -> Conditions.parse("white-noise")).getMessage()
                .contains("'snr' is required"));
        assertTrue(assertThrows(UserInputException.class, () -> Conditions.parse("tone:freq=abc")).getMessage()
                .contains("must be a number"));
        assertTrue(assertThrows(UserInputException.class, () -> Conditions.parse("tone:volume=3")).getMessage()
                .contains("no parameter 'volume'"));
        assertTrue(assertThrows(UserInputException.class, () -> Conditions.parse("echo-chamber")).getMessage()
                .contains("unknown condition"));
        Audio silent = new Audio(new float[1600], RATE);
        assertTrue(assertThrows(UserInputException.class,
                () -> Conditions.parse("white-noise:snr=10").apply(silent, 0)).getMessage().contains("silent"));
    }
}

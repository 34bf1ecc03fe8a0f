package org.fairhunt.speech.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a site-noise recording sounds like, for customers who cannot share the recording itself: its
 * level, its dominant frequencies, whether it switches on and off with a period, and the equivalent
 * {@code tone:} (or broadband noise) condition to reproduce it with {@code fairhunt augment}.
 *
 * <p>Method: a Welch power spectrum (Hann windows of 4096 samples, half overlap) for the peaks; the
 * level of the strongest peak's band in 10 ms frames (a Goertzel filter per frame) for the on/off
 * pattern, split at the midpoint in dB between its 10th and 90th percentiles; on and off durations
 * are the medians of the runs (the first and last runs, cut by the recording's ends, left out).
 *
 * @param seconds        duration
 * @param rmsDbfs        RMS level over the whole recording
 * @param peakDbfs       peak sample level
 * @param peaks          dominant frequencies (Hz), strongest first (at most three, each at least 20 dB above the spectrum's
 *                       median, within 20 dB of the strongest and 30 Hz apart), with their level above the median (dB)
 * @param flatness       spectral flatness (geometric / arithmetic mean of the power spectrum, 0 tonal … 1 white)
 * @param onSeconds      median duration of the loud runs, NaN when there is no on/off pattern
 * @param offSeconds     median duration of the quiet runs, NaN when there is no on/off pattern
 * @param onLevelDbfs    RMS level while on (the whole recording when continuous)
 * @param contrastDb     loud minus quiet level of the dominant band
 * @param patterns       the on/off pattern of each peak's band (of the broadband level when there is no peak)
 */
public record NoiseProfile(double seconds, double rmsDbfs, double peakDbfs, List<double[]> peaks, double flatness,
        double onSeconds, double offSeconds, double onLevelDbfs, double contrastDb, List<Pattern> patterns) {

    /** Below this loud-minus-quiet contrast the noise is treated as continuous. */
    public static final double ON_OFF_CONTRAST_DB = 10;

    public static NoiseProfile of(Audio a) {
        float[] x = a.samples();
        int rate = a.sampleRate();
        double rms = Signals.rms(x);
        double peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        int n = 4096;
        while (n > x.length && n > 64) {
            n >>= 1;
        }
        double[] power = new double[n / 2 + 1];
        int frames = 0;
        for (int start = 0; start + n <= x.length; start += n / 2) {
            double[] re = new double[n];
            double[] im = new double[n];
            for (int k = 0; k < n; k++) {
                re[k] = x[start + k] * (0.5 - 0.5 * Math.cos(2 * Math.PI * k / (n - 1)));
            }
            Signals.fft(re, im, false);
            for (int k = 0; k <= n / 2; k++) {
                power[k] += re[k] * re[k] + im[k] * im[k];
            }
            frames++;
        }
        List<double[]> peaks = new ArrayList<>();
        double flatness = Double.NaN;
        if (frames > 0) {
            double[] sorted = Arrays.copyOfRange(power, 1, power.length);
            Arrays.sort(sorted);
            double median = Math.max(1e-30, sorted[sorted.length / 2]);
            double logSum = 0;
            double sum = 0;
            for (int k = 1; k < power.length; k++) {
                logSum += Math.log(Math.max(1e-30, power[k]));
                sum += power[k];
            }
            flatness = Math.exp(logSum / (power.length - 1)) / (sum / (power.length - 1));
            List<Integer> candidates = new ArrayList<>();
            for (int k = 2; k < power.length - 1; k++) {
                if (power[k] > power[k - 1] && power[k] >= power[k + 1] && 10 * Math.log10(power[k] / median) >= 20) {
                    candidates.add(k);
                }
            }
            candidates.sort((p, q) -> Double.compare(power[q], power[p]));
            for (int k : candidates) {
                // parabolic interpolation of the log spectrum around the bin for a sub-bin frequency
                double l = Math.log(power[k - 1]);
                double c = Math.log(power[k]);
                double r = Math.log(power[k + 1]);
                double shift = 0.5 * (l - r) / (l - 2 * c + r);
                double freq = (k + (Double.isFinite(shift) ? shift : 0)) * rate / (double) n;
                // a gated tone has sidebands at multiples of its gating rate: a peak counts only 30 Hz (and three bins)
                // away from every stronger one, and within 20 dB of the strongest
                double resolution = Math.max(30, 3.0 * rate / n);
                boolean near = peaks.stream().anyMatch(p -> Math.abs(p[0] - freq) < resolution);
                boolean strong = peaks.isEmpty() || power[k] >= power[candidates.get(0)] / 100;
                if (!near && strong) {
                    peaks.add(new double[] {freq, 10 * Math.log10(power[k] / median)});
                }
                if (peaks.size() == 3) {
                    break;
                }
            }
        }
        // on/off pattern of each peak's band (or of the broadband level when there is no peak)
        List<Pattern> patterns = new ArrayList<>();
        if (peaks.isEmpty()) {
            patterns.add(pattern(x, rate, Double.NaN, a.seconds()));
        } else {
            for (double[] p : peaks) {
                patterns.add(pattern(x, rate, p[0], a.seconds()));
            }
        }
        Pattern main = patterns.stream().filter(Pattern::periodic).findFirst().orElse(patterns.get(0));
        double onSec = main.onSeconds();
        double offSec = main.offSeconds();
        double onLevel = peaks.isEmpty() ? main.levelDbfs() : main.levelDbfs();
        double contrast = main.contrastDb();
        return new NoiseProfile(a.seconds(), Signals.db(rms), Signals.db(peak), peaks, flatness, onSec, offSec, onLevel, contrast,
                patterns);
    }

    /**
     * The on/off pattern of one band: its level in 10 ms frames split at the midpoint (in dB) of the
     * 10th and 90th percentiles; run lengths cut by the recording's ends are left out.
     *
     * @param frequency  the band's centre (Hz), NaN for the broadband level
     * @param onSeconds  median loud run, NaN when continuous
     * @param offSeconds median quiet run, NaN when continuous
     * @param levelDbfs  RMS of the band while on (the whole recording when continuous)
     * @param contrastDb loud minus quiet level
     */
    public record Pattern(double frequency, double onSeconds, double offSeconds, double levelDbfs, double contrastDb) {
        public boolean periodic() {
            return Double.isFinite(onSeconds) && Double.isFinite(offSeconds);
        }
    }

    static Pattern pattern(float[] x, int rate, double frequency, double seconds) {
        int hop = Math.max(1, rate / 100);
        int count = x.length / hop;
        double[] power = new double[count];
        double[] levels = new double[count];
        for (int f = 0; f < count; f++) {
            double r = Signals.rms(x, f * hop, (f + 1) * hop);
            power[f] = Double.isNaN(frequency) ? r * r : Signals.tonePower(x, f * hop, (f + 1) * hop, frequency, rate);
            levels[f] = 10 * Math.log10(Math.max(1e-20, power[f]));
        }
        double mean = Arrays.stream(power).average().orElse(0);
        if (count < 4) {
            return new Pattern(frequency, Double.NaN, Double.NaN, 10 * Math.log10(Math.max(1e-20, mean)), 0);
        }
        double[] s = levels.clone();
        Arrays.sort(s);
        double lo = s[(int) (0.1 * (s.length - 1))];
        double hi = s[(int) (0.9 * (s.length - 1))];
        double contrast = hi - lo;
        if (contrast < ON_OFF_CONTRAST_DB) {
            return new Pattern(frequency, Double.NaN, Double.NaN, 10 * Math.log10(Math.max(1e-20, mean)), contrast);
        }
        double threshold = (lo + hi) / 2;
        List<Integer> on = new ArrayList<>();
        List<Integer> off = new ArrayList<>();
        int run = 1;
        for (int f = 1; f <= count; f++) {
            if (f < count && (levels[f] >= threshold) == (levels[f - 1] >= threshold)) {
                run++;
                continue;
            }
            boolean edge = f - run == 0 || f == count;
            if (!edge) {
                (levels[f - 1] >= threshold ? on : off).add(run);
            }
            run = 1;
        }
        double onPower = 0;
        int onFrames = 0;
        for (int f = 0; f < count; f++) {
            if (levels[f] >= threshold) {
                onPower += power[f];
                onFrames++;
            }
        }
        double level = 10 * Math.log10(Math.max(1e-20, onPower / Math.max(1, onFrames)));
        if (on.isEmpty() || off.isEmpty()) {
            return new Pattern(frequency, Double.NaN, Double.NaN, level, contrast);
        }
        return new Pattern(frequency, median(on) * hop / (double) rate, median(off) * hop / (double) rate, level, contrast);
    }

    /** Whether the noise switches on and off (a loud-minus-quiet contrast of at least {@value #ON_OFF_CONTRAST_DB} dB with whole runs). */
    public boolean periodic() {
        return Double.isFinite(onSeconds) && Double.isFinite(offSeconds);
    }

    /**
     * The condition that reproduces this noise next to speech at {@code speechDbfs} (e.g. −26 dBFS, the
     * nominal active speech level of ITU-T P.56): a {@code tone:} at the dominant frequency with the
     * measured on/off durations and its level relative to that speech level when the spectrum has a
     * clear peak, else pink or white noise at the equivalent SNR.
     */
    public String equivalentCondition(double speechDbfs) {
        if (!peaks.isEmpty() && flatness < 0.3) {
            List<String> tones = new ArrayList<>();
            for (Pattern p : patterns) {
                tones.add(String.format(Locale.ROOT, "tone:freq=%s,on=%s,off=%s,level=%s", Conditions.num(Math.round(p.frequency())),
                        p.periodic() ? round(p.onSeconds()) : "1", p.periodic() ? round(p.offSeconds()) : "0",
                        round(p.levelDbfs() - speechDbfs)));
            }
            return String.join("+", tones);
        }
        return String.format(Locale.ROOT, "%s:snr=%s", flatness > 0.6 ? "white-noise" : "pink-noise", round(speechDbfs - rmsDbfs));
    }

    /** A few lines for people. */
    public String describe(double speechDbfs) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "duration %.2f s, level %.1f dBFS RMS (peak %.1f dBFS), spectral flatness %.3f%n",
                seconds, rmsDbfs, peakDbfs, flatness));
        if (peaks.isEmpty()) {
            sb.append("no dominant frequency (broadband noise)\n");
        } else {
            sb.append("dominant frequencies:");
            for (double[] p : peaks) {
                sb.append(String.format(Locale.ROOT, " %.0f Hz (+%.0f dB)", p[0], p[1]));
            }
            sb.append('\n');
        }
        for (Pattern p : patterns) {
            String band = Double.isNaN(p.frequency()) ? "broadband" : String.format(Locale.ROOT, "%.0f Hz", p.frequency());
            if (p.periodic()) {
                sb.append(String.format(Locale.ROOT, "%s: on %.3f s, off %.3f s (period %.3f s), %.1f dBFS while on, contrast %.0f dB%n",
                        band, p.onSeconds(), p.offSeconds(), p.onSeconds() + p.offSeconds(), p.levelDbfs(), p.contrastDb()));
            } else {
                sb.append(String.format(Locale.ROOT, "%s: continuous at %.1f dBFS (loud-minus-quiet contrast %.1f dB)%n", band,
                        p.levelDbfs(), p.contrastDb()));
            }
        }
        sb.append(String.format(Locale.ROOT, "equivalent condition next to speech at %.0f dBFS: %s%n", speechDbfs,
                equivalentCondition(speechDbfs)));
        return sb.toString();
    }

    private static double median(List<Integer> v) {
        int[] a = v.stream().mapToInt(Integer::intValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2.0;
    }

    private static String round(double v) {
        double r = Math.round(v * 1000) / 1000.0;
        return Conditions.num(r);
    }
}

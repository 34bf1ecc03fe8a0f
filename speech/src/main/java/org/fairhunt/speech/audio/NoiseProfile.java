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
 * @param peaks          dominant frequencies (Hz), strongest first, with their level above the spectrum's median (dB)
 * @param flatness       spectral flatness (geometric / arithmetic mean of the power spectrum, 0 tonal … 1 white)
 * @param onSeconds      median duration of the loud runs, NaN when there is no on/off pattern
 * @param offSeconds     median duration of the quiet runs, NaN when there is no on/off pattern
 * @param onLevelDbfs    RMS level while on (the whole recording when continuous)
 * @param contrastDb     loud minus quiet level of the dominant band
 */
public record NoiseProfile(double seconds, double rmsDbfs, double peakDbfs, List<double[]> peaks, double flatness,
        double onSeconds, double offSeconds, double onLevelDbfs, double contrastDb) {

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
                double resolution = 3.0 * rate / n;
                boolean near = peaks.stream().anyMatch(p -> Math.abs(p[0] - freq) < resolution);
                if (!near) {
                    peaks.add(new double[] {freq, 10 * Math.log10(power[k] / median)});
                }
                if (peaks.size() == 3) {
                    break;
                }
            }
        }
        // on/off pattern of the dominant band (or of the broadband level when there is no peak)
        int hop = Math.max(1, rate / 100);
        int count = x.length / hop;
        double[] levels = new double[count];
        for (int f = 0; f < count; f++) {
            double e = peaks.isEmpty() ? Signals.rms(x, f * hop, (f + 1) * hop) * Signals.rms(x, f * hop, (f + 1) * hop)
                    : Signals.tonePower(x, f * hop, (f + 1) * hop, peaks.get(0)[0], rate);
            levels[f] = 10 * Math.log10(Math.max(1e-20, e));
        }
        double onSec = Double.NaN;
        double offSec = Double.NaN;
        double contrast = 0;
        double onLevel = Signals.db(rms);
        if (count >= 4) {
            double[] s = levels.clone();
            Arrays.sort(s);
            double lo = s[(int) (0.1 * (s.length - 1))];
            double hi = s[(int) (0.9 * (s.length - 1))];
            contrast = hi - lo;
            if (contrast >= ON_OFF_CONTRAST_DB) {
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
                if (!on.isEmpty() && !off.isEmpty()) {
                    onSec = median(on) * hop / (double) rate;
                    offSec = median(off) * hop / (double) rate;
                }
                double onSum = 0;
                int onSamples = 0;
                for (int f = 0; f < count; f++) {
                    if (levels[f] >= threshold) {
                        for (int k = f * hop; k < (f + 1) * hop; k++) {
                            onSum += (double) x[k] * x[k];
                        }
                        onSamples += hop;
                    }
                }
                if (onSamples > 0) {
                    onLevel = Signals.db(Math.sqrt(onSum / onSamples));
                }
            }
        }
        return new NoiseProfile(a.seconds(), Signals.db(rms), Signals.db(peak), peaks, flatness, onSec, offSec, onLevel, contrast);
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
            double on = periodic() ? onSeconds : Math.max(0.01, seconds);
            double off = periodic() ? offSeconds : 0;
            return String.format(Locale.ROOT, "tone:freq=%s,on=%s,off=%s,level=%s", Conditions.num(Math.round(peaks.get(0)[0])),
                    round(on), round(off), round(onLevelDbfs - speechDbfs));
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
        if (periodic()) {
            sb.append(String.format(Locale.ROOT, "on/off: on %.3f s, off %.3f s (period %.3f s), %.1f dBFS while on, contrast %.0f dB%n",
                    onSeconds, offSeconds, onSeconds + offSeconds, onLevelDbfs, contrastDb));
        } else {
            sb.append(String.format(Locale.ROOT, "continuous (loud-minus-quiet contrast %.1f dB)%n", contrastDb));
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

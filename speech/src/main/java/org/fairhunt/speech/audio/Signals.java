package org.fairhunt.speech.audio;

/**
 * Measurements and filters on sample arrays. Levels are in dB relative to full scale (a full-scale
 * square wave is 0 dBFS RMS).
 */
public final class Signals {

    /** Level below which leading and trailing samples count as silence when finding the speech (−60 dBFS, as sox's {@code silence} trim of the shared data). */
    public static final double SILENCE_DBFS = -60;

    private Signals() {
    }

    public static double rms(float[] x, int from, int to) {
        if (to <= from) {
            return 0;
        }
        double sum = 0;
        for (int k = from; k < to; k++) {
            sum += (double) x[k] * x[k];
        }
        return Math.sqrt(sum / (to - from));
    }

    public static double rms(float[] x) {
        return rms(x, 0, x.length);
    }

    public static double db(double amplitude) {
        return 20 * Math.log10(amplitude);
    }

    public static double amplitude(double db) {
        return Math.pow(10, db / 20);
    }

    /**
     * The span [first, last] of samples louder than {@link #SILENCE_DBFS}: the speech without the
     * leading and trailing silence, over which the "speech RMS" of an SNR is measured (pauses inside
     * the utterance count). Returns {0, 0} for an all-silent signal.
     */
    public static int[] activeSpan(float[] x) {
        double threshold = amplitude(SILENCE_DBFS);
        int first = 0;
        while (first < x.length && Math.abs(x[first]) < threshold) {
            first++;
        }
        int last = x.length;
        while (last > first && Math.abs(x[last - 1]) < threshold) {
            last--;
        }
        return new int[] {first, last};
    }

    /** RMS over {@link #activeSpan}; 0 for silence. */
    public static double speechRms(float[] x) {
        int[] span = activeSpan(x);
        return rms(x, span[0], span[1]);
    }

    /**
     * Power of {@code x} in the band around {@code frequency} by a single-bin DFT (Goertzel) over the
     * whole signal with a Hann window, normalized so that a sine of amplitude A gives A²/2.
     */
    public static double tonePower(float[] x, int from, int to, double frequency, int sampleRate) {
        int n = to - from;
        double re = 0, im = 0, windowSum = 0;
        for (int k = 0; k < n; k++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * k / (n - 1));
            double phase = 2 * Math.PI * frequency * k / sampleRate;
            re += w * x[from + k] * Math.cos(phase);
            im -= w * x[from + k] * Math.sin(phase);
            windowSum += w;
        }
        double amplitude = 2 * Math.hypot(re, im) / windowSum;
        return amplitude * amplitude / 2;
    }

    /** Windowed-sinc (Blackman) low-pass FIR taps with unit DC gain; {@code cutoff} in Hz. */
    public static double[] lowPass(double cutoff, int sampleRate, int taps) {
        double fc = cutoff / sampleRate;
        double[] h = new double[taps];
        int mid = (taps - 1) / 2;
        double sum = 0;
        for (int k = 0; k < taps; k++) {
            int m = k - mid;
            double sinc = m == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * m) / (Math.PI * m);
            double w = 0.42 - 0.5 * Math.cos(2 * Math.PI * k / (taps - 1)) + 0.08 * Math.cos(4 * Math.PI * k / (taps - 1));
            h[k] = sinc * w;
            sum += h[k];
        }
        for (int k = 0; k < taps; k++) {
            h[k] /= sum;
        }
        return h;
    }

    /** Band-pass taps as the difference of two low-passes (spectral inversion not needed: both have unit DC gain). */
    public static double[] bandPass(double low, double high, int sampleRate, int taps) {
        double[] hi = lowPass(high, sampleRate, taps);
        double[] lo = lowPass(low, sampleRate, taps);
        double[] h = new double[taps];
        for (int k = 0; k < taps; k++) {
            h[k] = hi[k] - lo[k];
        }
        return h;
    }

    /** Zero-phase FIR filtering (the odd-length filter's delay removed), same length as the input. */
    public static float[] filter(float[] x, double[] h) {
        int mid = (h.length - 1) / 2;
        float[] y = new float[x.length];
        for (int n = 0; n < x.length; n++) {
            double acc = 0;
            int kmin = Math.max(0, n + mid - (x.length - 1));
            int kmax = Math.min(h.length - 1, n + mid);
            for (int k = kmin; k <= kmax; k++) {
                acc += h[k] * x[n + mid - k];
            }
            y[n] = (float) acc;
        }
        return y;
    }

    /**
     * Band-limited resampling by windowed-sinc interpolation (Blackman window, 32 zero crossings each side),
     * with the anti-aliasing cutoff at 0.95 of the lower Nyquist frequency.
     */
    public static Audio resample(Audio in, int targetRate) {
        if (targetRate == in.sampleRate()) {
            return in;
        }
        float[] x = in.samples();
        double ratio = (double) targetRate / in.sampleRate();
        int outLength = (int) Math.round(x.length * ratio);
        float[] y = new float[outLength];
        double cutoff = 0.95 * 0.5 * Math.min(1.0, ratio); // cycles per input sample
        int halfWidth = (int) Math.ceil(32 / (2 * cutoff)); // input samples each side
        for (int n = 0; n < outLength; n++) {
            double t = n / ratio; // position in input samples
            int center = (int) Math.floor(t);
            double acc = 0;
            for (int k = center - halfWidth + 1; k <= center + halfWidth; k++) {
                if (k < 0 || k >= x.length) {
                    continue;
                }
                double d = t - k;
                double arg = 2 * cutoff * d;
                double sinc = arg == 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
                double wpos = (d + halfWidth) / (2.0 * halfWidth);
                if (wpos <= 0 || wpos >= 1) {
                    continue;
                }
                double w = 0.42 - 0.5 * Math.cos(2 * Math.PI * wpos) + 0.08 * Math.cos(4 * Math.PI * wpos);
                acc += x[k] * 2 * cutoff * sinc * w;
            }
            y[n] = (float) acc;
        }
        return new Audio(y, targetRate);
    }

    /**
     * Linear convolution of {@code x} with {@code h} by FFT, truncated to {@code x}'s length (the tail past
     * the end of the input is dropped, so the output lines up with the input sample for sample).
     */
    public static float[] convolve(float[] x, double[] h) {
        int n = Integer.highestOneBit(Math.max(1, x.length + h.length - 1) - 1) << 1;
        n = Math.max(n, 2);
        double[] xr = new double[n];
        double[] xi = new double[n];
        double[] hr = new double[n];
        double[] hi = new double[n];
        for (int k = 0; k < x.length; k++) {
            xr[k] = x[k];
        }
        System.arraycopy(h, 0, hr, 0, h.length);
        fft(xr, xi, false);
        fft(hr, hi, false);
        for (int k = 0; k < n; k++) {
            double re = xr[k] * hr[k] - xi[k] * hi[k];
            double im = xr[k] * hi[k] + xi[k] * hr[k];
            xr[k] = re;
            xi[k] = im;
        }
        fft(xr, xi, true);
        float[] y = new float[x.length];
        for (int k = 0; k < y.length; k++) {
            y[k] = (float) xr[k];
        }
        return y;
    }

    /** In-place iterative radix-2 FFT of a power-of-two length; the inverse is scaled by 1/n. */
    public static void fft(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        if (Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT length must be a power of two, got " + n);
        }
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = 2 * Math.PI / len * (inverse ? 1 : -1);
            double wr = Math.cos(angle);
            double wi = Math.sin(angle);
            for (int i = 0; i < n; i += len) {
                double cr = 1;
                double ci = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = i + k;
                    int b = a + len / 2;
                    double tr = re[b] * cr - im[b] * ci;
                    double ti = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                    double nr = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = nr;
                }
            }
        }
        if (inverse) {
            for (int k = 0; k < n; k++) {
                re[k] /= n;
                im[k] /= n;
            }
        }
    }

    /**
     * Schroeder's energy decay curve of an impulse response in dB (backward-integrated energy, 0 dB at
     * t = 0), the curve from which reverberation times are read (ISO 3382-1).
     */
    public static double[] energyDecayDb(double[] h) {
        double[] edc = new double[h.length];
        double sum = 0;
        for (int k = h.length - 1; k >= 0; k--) {
            sum += h[k] * h[k];
            edc[k] = sum;
        }
        double total = edc.length == 0 ? 1 : edc[0];
        for (int k = 0; k < edc.length; k++) {
            edc[k] = 10 * Math.log10(edc[k] / total);
        }
        return edc;
    }
}

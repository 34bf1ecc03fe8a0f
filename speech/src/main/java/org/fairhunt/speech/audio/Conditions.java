package org.fairhunt.speech.audio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.fairhunt.core.UserInputException;

/**
 * The built-in acoustic conditions and their parser. A specification is {@code name} or
 * {@code name:key=value,key=value}; several joined with {@code +} apply in turn
 * ({@code telephone+white-noise:snr=20}).
 *
 * <table>
 *   <caption>Conditions</caption>
 *   <tr><th>name</th><th>parameters (default)</th><th>what</th></tr>
 *   <tr><td>white-noise</td><td>snr (dB, required)</td><td>Gaussian white noise over the whole file, scaled so
 *       that speech RMS / noise RMS is the SNR; speech RMS is measured between the first and last sample above
 *       −60 dBFS</td></tr>
 *   <tr><td>pink-noise</td><td>snr (dB, required)</td><td>the same with a 1/f spectrum (−3 dB per octave;
 *       Kellet's filter on white noise)</td></tr>
 *   <tr><td>tone</td><td>freq (1000 Hz), on (0.1 s), off (0.4 s), level (−5 dB)</td><td>a sine beeping on/off from
 *       t = 0, its RMS while on {@code level} dB relative to the speech RMS: the imaging machine on a hospital
 *       floor</td></tr>
 *   <tr><td>telephone</td><td>low (300 Hz), high (3400 Hz), rate (8000 Hz)</td><td>FIR band-pass, resampling to
 *       {@code rate} and back to the input rate (so the same recognizer takes the file)</td></tr>
 *   <tr><td>clip</td><td>level (−6 dB)</td><td>hard clipping at {@code level} dB below the file's peak</td></tr>
 *   <tr><td>gain</td><td>db (required)</td><td>a level change; samples beyond full scale clip when written</td></tr>
 *   <tr><td>clean</td><td></td><td>the signal unchanged (the baseline, named like the others)</td></tr>
 *   <tr><td>noise-file</td><td>PATH (first), snr (dB, required)</td><td>a recorded site noise, resampled, looped from a
 *       seeded random offset, at the SNR measured as for white-noise</td></tr>
 *   <tr><td>reverb</td><td>rt60 (0.5 s), room (6x4x3 m), distance (2 m); or rir=PATH</td><td>convolution with a
 *       generated or given room impulse response; speech level kept</td></tr>
 *   <tr><td>mulaw, alaw</td><td></td><td>the G.711 codecs at 8 kHz and back to the input rate</td></tr>
 *   <tr><td>gsm</td><td></td><td>GSM 06.10 full rate (13 kbit/s) through sox, at 8 kHz and back</td></tr>
 * </table>
 */
public final class Conditions {

    public static final List<String> NAMES = List.of("clean", "white-noise", "pink-noise", "noise-file", "tone", "telephone",
            "mulaw", "alaw", "gsm", "reverb", "clip", "gain");

    private Conditions() {
    }

    public static AcousticCondition parse(String spec) {
        String s = spec.strip();
        if (s.isEmpty()) {
            throw new UserInputException("empty condition: expected one of " + NAMES + ", e.g. white-noise:snr=10");
        }
        if (s.contains("+")) {
            List<AcousticCondition> parts = new ArrayList<>();
            for (String part : s.split("\\+")) {
                parts.add(parse(part));
            }
            return new Chain(parts);
        }
        int colon = s.indexOf(':');
        String name = (colon < 0 ? s : s.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        Map<String, String> given = new LinkedHashMap<>();
        if (colon >= 0 && colon + 1 < s.length()) {
            String[] items = s.substring(colon + 1).split(",");
            for (int i = 0; i < items.length; i++) {
                String kv = items[i];
                int eq = kv.indexOf('=');
                if (eq < 0 && i == 0 && name.equals("noise-file")) {
                    // noise-file:PATH,snr=DB, the path first without a key
                    given.put("path", kv.strip());
                    continue;
                }
                if (eq <= 0) {
                    throw new UserInputException("condition '" + spec + "': expected key=value, found '" + kv.strip() + "'");
                }
                given.put(kv.substring(0, eq).strip().toLowerCase(Locale.ROOT), kv.substring(eq + 1).strip());
            }
        }
        Params p = new Params(spec, given);
        AcousticCondition c = switch (name) {
            case "white-noise" -> new Noise(false, p.required("snr"));
            case "pink-noise" -> new Noise(true, p.required("snr"));
            case "tone" -> new Tone(p.positive("freq", 1000), p.positive("on", 0.1), p.nonNegative("off", 0.4),
                    p.number("level", -5));
            case "telephone" -> new Telephone(p.positive("low", 300), p.positive("high", 3400),
                    (int) p.positive("rate", 8000));
            case "clip" -> new Clip(p.number("level", -6));
            case "clean" -> new RoomConditions.Clean();
            case "noise-file" -> new RoomConditions.NoiseFile(p.path("path"), p.required("snr")).load();
            case "mulaw" -> new RoomConditions.G711(true);
            case "alaw" -> new RoomConditions.G711(false);
            case "gsm" -> new GsmCodec();
            case "reverb" -> p.has("rir")
                    ? new RoomConditions.Reverb(Double.NaN, null, Double.NaN, p.path("rir"))
                    : new RoomConditions.Reverb(p.positive("rt60", 0.5), p.room("room", "6x4x3"), p.positive("distance", 2), null);
            case "gain" -> new Gain(p.required("db"));
            default -> throw new UserInputException("unknown condition '" + name + "' in '" + spec + "': expected one of " + NAMES);
        };
        p.rejectUnused(c.name());
        return c;
    }

    private static final class Params {
        private final String spec;
        private final Map<String, String> given;
        private final Set<String> used = new java.util.HashSet<>();

        Params(String spec, Map<String, String> given) {
            this.spec = spec;
            this.given = given;
        }

        boolean has(String key) {
            return given.containsKey(key);
        }

        java.nio.file.Path path(String key) {
            used.add(key);
            String v = given.get(key);
            if (v == null || v.isBlank()) {
                throw new UserInputException("condition '" + spec + "': a file is required, e.g. noise-file:site.wav,snr=10"
                        + " or reverb:rir=room.wav");
            }
            java.nio.file.Path file = java.nio.file.Path.of(v);
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new UserInputException("condition '" + spec + "': no such file " + v);
            }
            return file;
        }

        double[] room(String key, String fallback) {
            used.add(key);
            String v = given.getOrDefault(key, fallback);
            String[] parts = v.toLowerCase(Locale.ROOT).split("x");
            double[] out = new double[3];
            try {
                if (parts.length != 3) {
                    throw new NumberFormatException();
                }
                for (int i = 0; i < 3; i++) {
                    out[i] = Double.parseDouble(parts[i]);
                    if (!(out[i] > 0) || !Double.isFinite(out[i])) {
                        throw new NumberFormatException();
                    }
                }
            } catch (NumberFormatException e) {
                throw new UserInputException("condition '" + spec + "': parameter '" + key + "' must be LENGTHxWIDTHxHEIGHT in"
                        + " metres, e.g. 6x4x3, found '" + v + "'");
            }
            return out;
        }

        double required(String key) {
            if (!given.containsKey(key)) {
                throw new UserInputException("condition '" + spec + "': parameter '" + key + "' is required, e.g. "
                        + spec.split(":")[0] + ":" + key + "=10");
            }
            return number(key, Double.NaN);
        }

        double number(String key, double fallback) {
            used.add(key);
            String v = given.get(key);
            if (v == null) {
                return fallback;
            }
            try {
                double d = Double.parseDouble(v);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new UserInputException("condition '" + spec + "': parameter '" + key + "' must be a number, found '" + v + "'");
            }
        }

        double positive(String key, double fallback) {
            double d = number(key, fallback);
            if (!(d > 0)) {
                throw new UserInputException("condition '" + spec + "': parameter '" + key + "' must be positive, found " + d);
            }
            return d;
        }

        double nonNegative(String key, double fallback) {
            double d = number(key, fallback);
            if (d < 0) {
                throw new UserInputException("condition '" + spec + "': parameter '" + key + "' must not be negative, found " + d);
            }
            return d;
        }

        void rejectUnused(String name) {
            for (String key : given.keySet()) {
                if (!used.contains(key)) {
                    throw new UserInputException("condition '" + spec + "': " + name + " has no parameter '" + key
                            + "' (it takes " + used + ")");
                }
            }
        }
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static double requireSpeech(float[] x, String condition) {
        double rms = Signals.speechRms(x);
        if (rms == 0) {
            throw new UserInputException(condition + ": the audio is silent (no sample above "
                    + num(Signals.SILENCE_DBFS) + " dBFS), so a level relative to speech is undefined");
        }
        return rms;
    }

    /** Additive white or pink noise at a target SNR. */
    static final class Noise implements AcousticCondition {
        private final boolean pink;
        private final double snr;

        Noise(boolean pink, double snr) {
            this.pink = pink;
            this.snr = snr;
        }

        @Override
        public String name() {
            return pink ? "pink-noise" : "white-noise";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of("snr", num(snr));
        }

        @Override
        public Audio apply(Audio in, long seed) {
            float[] x = in.samples();
            double speech = requireSpeech(x, spec());
            SplittableRandom random = new SplittableRandom(seed);
            double[] noise = new double[x.length];
            double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
            for (int k = 0; k < x.length; k++) {
                double white = gaussian(random);
                if (pink) {
                    // Paul Kellet's "refined" pink filter: within 0.05 dB of -3 dB/octave above 9 Hz at 44.1 kHz,
                    // and the slope holds at speech rates too (checked by the spectrum test).
                    b0 = 0.99886 * b0 + white * 0.0555179;
                    b1 = 0.99332 * b1 + white * 0.0750759;
                    b2 = 0.96900 * b2 + white * 0.1538520;
                    b3 = 0.86650 * b3 + white * 0.3104856;
                    b4 = 0.55000 * b4 + white * 0.5329522;
                    b5 = -0.7616 * b5 - white * 0.0168980;
                    noise[k] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + white * 0.5362;
                    b6 = white * 0.115926;
                } else {
                    noise[k] = white;
                }
            }
            double sum = 0;
            for (double v : noise) {
                sum += v * v;
            }
            double noiseRms = Math.sqrt(sum / Math.max(1, noise.length));
            double scale = speech * Signals.amplitude(-snr) / noiseRms;
            float[] y = new float[x.length];
            for (int k = 0; k < x.length; k++) {
                y[k] = (float) (x[k] + scale * noise[k]);
            }
            return new Audio(y, in.sampleRate());
        }

        private static double gaussian(SplittableRandom r) {
            // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
            double u = 1.0 - r.nextDouble();
            double v = r.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }
    }

    /** A periodic sine tone. */
    static final class Tone implements AcousticCondition {
        private final double frequency, on, off, level;

        Tone(double frequency, double on, double off, double level) {
            this.frequency = frequency;
            this.on = on;
            this.off = off;
            this.level = level;
        }

        @Override
        public String name() {
            return "tone";
        }

        @Override
        public Map<String, String> parameters() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("freq", num(frequency));
            m.put("on", num(on));
            m.put("off", num(off));
            m.put("level", num(level));
            return m;
        }

        @Override
        public Audio apply(Audio in, long seed) {
            if (frequency >= in.sampleRate() / 2.0) {
                throw new UserInputException("condition " + spec() + ": frequency " + num(frequency)
                        + " Hz is not below half the sample rate (" + in.sampleRate() + " Hz)");
            }
            float[] x = in.samples();
            double amplitude = Math.sqrt(2) * requireSpeech(x, spec()) * Signals.amplitude(level);
            double period = on + off;
            float[] y = new float[x.length];
            for (int k = 0; k < x.length; k++) {
                double t = (double) k / in.sampleRate();
                double inCycle = t - Math.floor(t / period) * period;
                double tone = inCycle < on ? amplitude * Math.sin(2 * Math.PI * frequency * t) : 0;
                y[k] = (float) (x[k] + tone);
            }
            return new Audio(y, in.sampleRate());
        }
    }

    /** Telephone band: band-pass, down to the channel rate, back up to the input rate. */
    static final class Telephone implements AcousticCondition {
        private final double low, high;
        private final int rate;

        Telephone(double low, double high, int rate) {
            if (high <= low) {
                throw new UserInputException("telephone: high (" + num(high) + " Hz) must be above low (" + num(low) + " Hz)");
            }
            if (high >= rate / 2.0) {
                throw new UserInputException("telephone: high (" + num(high) + " Hz) must be below half the channel rate ("
                        + rate + " Hz)");
            }
            this.low = low;
            this.high = high;
            this.rate = rate;
        }

        @Override
        public String name() {
            return "telephone";
        }

        @Override
        public Map<String, String> parameters() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("low", num(low));
            m.put("high", num(high));
            m.put("rate", Integer.toString(rate));
            return m;
        }

        @Override
        public Audio apply(Audio in, long seed) {
            if (in.sampleRate() < rate) {
                throw new UserInputException("telephone: input sample rate " + in.sampleRate()
                        + " Hz is below the channel rate " + rate + " Hz");
            }
            // ~64 ms of taps: a transition band of ~50 Hz, so 300 Hz is already well attenuated at 200 Hz.
            int taps = (int) (in.sampleRate() * 0.064) | 1;
            float[] band = Signals.filter(in.samples(), Signals.bandPass(low, high, in.sampleRate(), taps));
            Audio channel = Signals.resample(new Audio(band, in.sampleRate()), rate);
            Audio back = Signals.resample(channel, in.sampleRate());
            float[] y = java.util.Arrays.copyOf(back.samples(), in.length());
            return new Audio(y, in.sampleRate());
        }
    }

    /** Hard clipping below the peak. */
    static final class Clip implements AcousticCondition {
        private final double level;

        Clip(double level) {
            if (level > 0) {
                throw new UserInputException("clip: level must be at or below 0 dB (relative to the peak), found " + num(level));
            }
            this.level = level;
        }

        @Override
        public String name() {
            return "clip";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of("level", num(level));
        }

        @Override
        public Audio apply(Audio in, long seed) {
            float[] x = in.samples();
            double peak = 0;
            for (float v : x) {
                peak = Math.max(peak, Math.abs(v));
            }
            float limit = (float) (peak * Signals.amplitude(level));
            float[] y = new float[x.length];
            for (int k = 0; k < x.length; k++) {
                y[k] = Math.max(-limit, Math.min(limit, x[k]));
            }
            return new Audio(y, in.sampleRate());
        }
    }

    /** A level change. */
    static final class Gain implements AcousticCondition {
        private final double db;

        Gain(double db) {
            this.db = db;
        }

        @Override
        public String name() {
            return "gain";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of("db", num(db));
        }

        @Override
        public Audio apply(Audio in, long seed) {
            float g = (float) Signals.amplitude(db);
            float[] x = in.samples();
            float[] y = new float[x.length];
            for (int k = 0; k < x.length; k++) {
                y[k] = x[k] * g;
            }
            return new Audio(y, in.sampleRate());
        }
    }

    /** Several conditions in turn; each gets its own seed derived from the chain's. */
    static final class Chain implements AcousticCondition {
        private final List<AcousticCondition> parts;

        Chain(List<AcousticCondition> parts) {
            this.parts = List.copyOf(parts);
        }

        @Override
        public String name() {
            return String.join("+", parts.stream().map(AcousticCondition::name).toList());
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of();
        }

        @Override
        public String spec() {
            return String.join("+", parts.stream().map(AcousticCondition::spec).toList());
        }

        @Override
        public String label() {
            return String.join("+", parts.stream().map(AcousticCondition::label).toList());
        }

        @Override
        public Audio apply(Audio in, long seed) {
            Audio a = in;
            SplittableRandom seeds = new SplittableRandom(seed);
            for (AcousticCondition c : parts) {
                a = c.apply(a, seeds.nextLong());
            }
            return a;
        }
    }
}

package org.fairhunt.speech.audio;

import static org.fairhunt.speech.audio.Conditions.num;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.fairhunt.core.UserInputException;

/**
 * Conditions of real rooms and channels: the unchanged {@code clean} signal, a recorded site noise
 * ({@code noise-file}), reverberation ({@code reverb}) and the G.711 telephone codecs ({@code mulaw},
 * {@code alaw}).
 */
final class RoomConditions {
    private RoomConditions() {
    }

    /** The unchanged signal: the baseline every other condition is compared with, named like them. */
    static final class Clean implements AcousticCondition {
        @Override
        public String name() {
            return "clean";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of();
        }

        @Override
        public Audio apply(Audio in, long seed) {
            return new Audio(in.samples().clone(), in.sampleRate());
        }
    }

    /**
     * A recorded noise mixed in at a target SNR: resampled to the speech's rate, looped to cover the whole
     * utterance from a seeded random offset (so utterances do not all hear the same second of the
     * recording), scaled so that speech RMS / noise RMS (over the noise actually added) is the SNR, as
     * for {@code white-noise}.
     */
    static final class NoiseFile implements AcousticCondition {
        private final Path path;
        private final double snr;
        private volatile Audio noise;
        private final Map<Integer, Audio> byRate = new java.util.concurrent.ConcurrentHashMap<>();

        NoiseFile(Path path, double snr) {
            this.path = path;
            this.snr = snr;
        }

        @Override
        public String name() {
            return "noise-file";
        }

        @Override
        public Map<String, String> parameters() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("path", path.toString());
            m.put("snr", num(snr));
            return m;
        }

        @Override
        public String spec() {
            return "noise-file:" + path + ",snr=" + num(snr);
        }

        @Override
        public String label() {
            String file = path.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            return ("noise-file-" + file + "-snr" + num(snr)).replaceAll("[^A-Za-z0-9.-]", "");
        }

        /** Reads the recording now, so that a file that is not audio is refused before anything is written. */
        NoiseFile load() {
            recording();
            return this;
        }

        /** The recording, read once (a file that is not audio is refused here, before any output is written). */
        Audio recording() {
            Audio a = noise;
            if (a == null) {
                synchronized (this) {
                    if (noise == null) {
                        Audio read = WavFile.read(path);
                        if (Signals.rms(read.samples()) == 0) {
                            throw new UserInputException("noise-file " + path + ": the recording is silent; nothing to mix in");
                        }
                        noise = read;
                    }
                    a = noise;
                }
            }
            return a;
        }

        @Override
        public Audio apply(Audio in, long seed) {
            float[] x = in.samples();
            double speech = Conditions.requireSpeech(x, spec());
            Audio source = byRate.computeIfAbsent(in.sampleRate(), r -> Signals.resample(recording(), r));
            float[] n = source.samples();
            if (n.length == 0) {
                throw new UserInputException("noise-file " + path + ": the recording has no samples");
            }
            int offset = new SplittableRandom(seed).nextInt(n.length);
            double[] added = new double[x.length];
            double sum = 0;
            for (int k = 0; k < x.length; k++) {
                added[k] = n[(offset + k) % n.length];
                sum += added[k] * added[k];
            }
            double noiseRms = Math.sqrt(sum / Math.max(1, x.length));
            if (noiseRms == 0) {
                throw new UserInputException("noise-file " + path + ": the stretch of the recording mixed in is silent;"
                        + " use a recording without long silences");
            }
            double scale = speech * Signals.amplitude(-snr) / noiseRms;
            float[] y = new float[x.length];
            for (int k = 0; k < x.length; k++) {
                y[k] = (float) (x[k] + scale * added[k]);
            }
            return new Audio(y, in.sampleRate());
        }
    }

    /**
     * Reverberation: convolution with a room impulse response, either a given WAV ({@code rir=PATH}) or a
     * statistical one generated from the reverberation time and the room: the direct sound, then a
     * Gaussian tail whose energy decays by 60 dB in {@code rt60} seconds, its energy relative to the
     * direct sound (r / r_c)² at source distance {@code distance}, with the critical distance
     * r_c = 0.057 √(V / RT60) of a room of volume V (Sabine's diffuse field). Early reflections are not
     * modelled one by one. The output keeps the input's speech level and length.
     */
    static final class Reverb implements AcousticCondition {
        private final double rt60;
        private final double[] room;
        private final double distance;
        private final Path rir;

        Reverb(double rt60, double[] room, double distance, Path rir) {
            this.rt60 = rt60;
            this.room = room;
            this.distance = distance;
            this.rir = rir;
        }

        @Override
        public String name() {
            return "reverb";
        }

        @Override
        public Map<String, String> parameters() {
            Map<String, String> m = new LinkedHashMap<>();
            if (rir != null) {
                m.put("rir", rir.toString());
            } else {
                m.put("rt60", num(rt60));
                m.put("room", num(room[0]) + "x" + num(room[1]) + "x" + num(room[2]));
                m.put("distance", num(distance));
            }
            return m;
        }

        @Override
        public String label() {
            if (rir != null) {
                return ("reverb-" + rir.getFileName().toString().replaceFirst("\\.[^.]*$", "")).replaceAll("[^A-Za-z0-9.-]", "");
            }
            return ("reverb-rt60" + num(rt60) + "-room" + num(room[0]) + "x" + num(room[1]) + "x" + num(room[2]))
                    .replaceAll("[^A-Za-z0-9.x-]", "");
        }

        /** The impulse response at {@code sampleRate}, seeded. */
        double[] impulseResponse(int sampleRate, long seed) {
            if (rir != null) {
                Audio a = Signals.resample(WavFile.read(rir), sampleRate);
                double[] h = new double[a.length()];
                for (int k = 0; k < h.length; k++) {
                    h[k] = a.samples()[k];
                }
                return h;
            }
            return generate(rt60, room, distance, sampleRate, seed);
        }

        static double[] generate(double rt60, double[] room, double distance, int sampleRate, long seed) {
            int length = (int) Math.ceil(rt60 * 1.2 * sampleRate) + 1;
            double[] h = new double[length];
            double volume = room[0] * room[1] * room[2];
            double critical = 0.057 * Math.sqrt(volume / rt60);
            double tailEnergy = (distance / critical) * (distance / critical);
            // energy decays as exp(-2·δ·t) with 60 dB at rt60: δ = 3·ln(10) / rt60 (amplitude)
            double delta = 3 * Math.log(10) / rt60;
            SplittableRandom random = new SplittableRandom(seed);
            double sum = 0;
            // the tail starts after the direct sound: the first reflection arrives about (shortest room dimension / 343 m/s) later
            int start = Math.max(1, (int) Math.round(Math.min(room[0], Math.min(room[1], room[2])) / 343.0 * sampleRate / 2));
            for (int k = start; k < length; k++) {
                double t = (double) k / sampleRate;
                double u = 1.0 - random.nextDouble();
                double g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
                h[k] = g * Math.exp(-delta * t);
                sum += h[k] * h[k];
            }
            double scale = sum > 0 ? Math.sqrt(tailEnergy / sum) : 0;
            for (int k = start; k < length; k++) {
                h[k] *= scale;
            }
            h[0] = 1;
            return h;
        }

        @Override
        public Audio apply(Audio in, long seed) {
            float[] x = in.samples();
            double speech = Conditions.requireSpeech(x, spec());
            float[] y = Signals.convolve(x, impulseResponse(in.sampleRate(), seed));
            double level = Signals.speechRms(y);
            float g = level > 0 ? (float) (speech / level) : 1f;
            for (int k = 0; k < y.length; k++) {
                y[k] *= g;
            }
            return new Audio(y, in.sampleRate());
        }
    }

    /**
     * A G.711 codec at 8 kHz (ITU-T G.711, 64 kbit/s): band-limit and resample to 8 kHz, quantize each
     * sample to 8 bits with the μ-law (North America, Japan) or A-law (Europe) segment companding, decode,
     * and resample back to the input rate.
     */
    static final class G711 implements AcousticCondition {
        private final boolean muLaw;

        G711(boolean muLaw) {
            this.muLaw = muLaw;
        }

        @Override
        public String name() {
            return muLaw ? "mulaw" : "alaw";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of();
        }

        @Override
        public Audio apply(Audio in, long seed) {
            if (in.sampleRate() < 8000) {
                throw new UserInputException(name() + ": input sample rate " + in.sampleRate() + " Hz is below the codec's 8000 Hz");
            }
            Audio narrow = Signals.resample(in, 8000);
            float[] s = narrow.samples();
            float[] coded = new float[s.length];
            for (int k = 0; k < s.length; k++) {
                int pcm = (int) Math.max(-32768, Math.min(32767, Math.round(s[k] * 32768.0)));
                int decoded = muLaw ? muLawDecode(muLawEncode(pcm)) : aLawDecode(aLawEncode(pcm));
                coded[k] = decoded / 32768f;
            }
            Audio back = Signals.resample(new Audio(coded, 8000), in.sampleRate());
            return new Audio(java.util.Arrays.copyOf(back.samples(), in.length()), in.sampleRate());
        }

        private static final int BIAS = 0x84;
        private static final int CLIP = 32635;

        /** G.711 μ-law encoding of a 16-bit sample (the bits are inverted on the line, as the standard says). */
        static int muLawEncode(int pcm) {
            int sign = (pcm >> 8) & 0x80;
            int magnitude = Math.min(Math.abs(pcm), CLIP) + BIAS;
            int exponent = 7;
            for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
                exponent--;
            }
            int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
            return ~(sign | (exponent << 4) | mantissa) & 0xFF;
        }

        static int muLawDecode(int code) {
            int u = ~code & 0xFF;
            int exponent = (u >> 4) & 0x07;
            int mantissa = u & 0x0F;
            int magnitude = ((mantissa << 3) + BIAS) << exponent;
            magnitude -= BIAS;
            return (u & 0x80) != 0 ? -magnitude : magnitude;
        }

        /** G.711 A-law encoding of a 16-bit sample (even bits inverted, 0x55, as on the line). */
        static int aLawEncode(int pcm) {
            int sign = pcm >= 0 ? 0x80 : 0;
            int magnitude = Math.min(pcm >= 0 ? pcm : -pcm - 1, 32767) >> 3; // 13-bit magnitude
            int code;
            if (magnitude < 32) {
                code = magnitude >> 1;
            } else {
                int exponent = 1;
                for (int m = magnitude >> 5; m > 1; m >>= 1) {
                    exponent++;
                }
                code = (exponent << 4) | ((magnitude >> exponent) & 0x0F);
            }
            return (sign | code) ^ 0x55;
        }

        static int aLawDecode(int code) {
            int a = code ^ 0x55;
            int exponent = (a >> 4) & 0x07;
            int mantissa = a & 0x0F;
            int magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
            return (a & 0x80) != 0 ? magnitude : -magnitude;
        }
    }
}

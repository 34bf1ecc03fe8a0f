package org.fairhunt.speech.audio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.fairhunt.core.FairhuntException;
import org.fairhunt.core.UserInputException;

/**
 * Applies conditions to a set of WAV files: each input × each condition gives
 * {@code out/<condition label>/<relative path>.wav}, and one line of {@code out/conditions.jsonl}
 * records the source, the condition's canonical spec, the seed and the measured speech level and
 * signal-to-distortion ratio (for a noise condition, the achieved SNR). A file's seed is derived from
 * the run's seed, its relative path and the condition, so outputs do not depend on order or threads.
 */
public final class Augmentation {

    /** One written file. */
    /**
     * One written file.
     *
     * @param clippedSamples samples beyond full scale after the condition, clipped when written as PCM
     *                       (added noise that clips distorts beyond the nominal SNR, so it is counted)
     */
    public record Output(Path source, Path output, AcousticCondition condition, long seed, double speechDbfs,
                         double signalToDistortionDb, long clippedSamples, long samples) {
    }

    private Augmentation() {
    }

    /** The WAV files under {@code input} (a file or a directory, searched recursively), sorted. */
    public static List<Path> wavFiles(Path input) {
        if (Files.isRegularFile(input)) {
            return List.of(input);
        }
        if (!Files.isDirectory(input)) {
            throw new UserInputException(input + ": no such file or directory");
        }
        try (Stream<Path> s = Files.walk(input)) {
            List<Path> files = s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav"))
                    .sorted().toList();
            if (files.isEmpty()) {
                throw new UserInputException(input + ": no .wav files found");
            }
            return files;
        } catch (IOException e) {
            throw new UserInputException("cannot list " + input + ": " + org.fairhunt.core.io.IoMessages.describe(e), e);
        }
    }

    public static List<Output> run(Path input, List<AcousticCondition> conditions, Path outDir, long seed, int threads) {
        List<Path> files = wavFiles(input);
        Path base = Files.isDirectory(input) ? input : input.toAbsolutePath().getParent();
        record Job(Path file, AcousticCondition condition) {
        }
        List<Job> jobs = new ArrayList<>();
        for (AcousticCondition c : conditions) {
            for (Path f : files) {
                jobs.add(new Job(f, c));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "augment");
            t.setDaemon(true);
            return t;
        });
        List<Output> outputs = new ArrayList<>();
        try {
            List<Future<Output>> futures = new ArrayList<>();
            for (Job j : jobs) {
                futures.add(pool.submit(() -> {
                    Path relative = base.toAbsolutePath().relativize(j.file().toAbsolutePath());
                    Path target = outDir.resolve(j.condition().label()).resolve(relative.toString());
                    long fileSeed = new SplittableRandom(seed ^ (relative.toString().replace('\\', '/') + "|" + j.condition().spec())
                            .hashCode() * 0x9E3779B97F4A7C15L).nextLong();
                    Audio in = WavFile.read(j.file());
                    Audio out = j.condition().apply(in, fileSeed);
                    Files.createDirectories(target.getParent());
                    WavFile.write(target, out, "fairhunt condition " + j.condition().spec() + " seed " + fileSeed);
                    double speech = Signals.speechRms(in.samples());
                    double distortion = distortionRms(in, out);
                    long clipped = 0;
                    for (float v : out.samples()) {
                        if (v > 1f || v < -1f) {
                            clipped++;
                        }
                    }
                    return new Output(j.file(), target, j.condition(), fileSeed, Signals.db(speech),
                            distortion == 0 ? Double.POSITIVE_INFINITY : Signals.db(speech / distortion), clipped, out.length());
                }));
            }
            for (Future<Output> f : futures) {
                outputs.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FairhuntException("augmentation interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new UserInputException("augmentation failed: " + cause.getMessage(), cause);
        } finally {
            pool.shutdownNow();
        }
        writeMetadata(outDir.resolve("conditions.jsonl"), outDir, outputs);
        return outputs;
    }

    // Only meaningful when the condition keeps length and rate (noise, tone, gain, clip, telephone back at the input rate).
    private static double distortionRms(Audio in, Audio out) {
        if (in.length() != out.length() || in.sampleRate() != out.sampleRate()) {
            return Double.NaN;
        }
        double sum = 0;
        for (int k = 0; k < in.length(); k++) {
            double d = out.samples()[k] - in.samples()[k];
            sum += d * d;
        }
        return Math.sqrt(sum / Math.max(1, in.length()));
    }

    private static void writeMetadata(Path file, Path outDir, List<Output> outputs) {
        ObjectMapper mapper = new ObjectMapper();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Output o : outputs) {
                ObjectNode n = mapper.createObjectNode();
                n.put("output", outDir.relativize(o.output()).toString());
                n.put("source", o.source().toString());
                n.put("condition", o.condition().name());
                n.put("spec", o.condition().spec());
                ObjectNode p = n.putObject("parameters");
                o.condition().parameters().forEach(p::put);
                n.put("seed", o.seed());
                n.put("speech_rms_dbfs", round(o.speechDbfs()));
                if (Double.isFinite(o.signalToDistortionDb())) {
                    n.put("signal_to_distortion_db", round(o.signalToDistortionDb()));
                }
                n.put("clipped_samples", o.clippedSamples());
                if (o.clippedSamples() > 0) {
                    n.put("clipped_fraction", o.clippedSamples() / (double) Math.max(1, o.samples()));
                }
                w.write(mapper.writeValueAsString(n));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}

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
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.fairhunt.core.FairhuntException;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.concurrent.Workers;

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

    /** Where a file goes below {@code out/<condition label>/}: the same relative path. */
    public static List<Output> run(Path input, List<AcousticCondition> conditions, Path outDir, long seed, int threads) {
        return run(input, conditions, outDir, seed, threads, (relative, condition) -> relative.toString());
    }

    /** Names an output file (relative to {@code out/<condition label>/}) from the input's relative path. */
    @FunctionalInterface
    public interface Naming {
        String name(Path relative, AcousticCondition condition);
    }

    /**
     * Applies every condition to every file; {@code naming} gives each output's path below
     * {@code out/<condition label>/} (Fairhunt's {@code SPEAKER-CONDITION_UTTERANCE.wav} in {@code augment}).
     */
    public static List<Output> run(Path input, List<AcousticCondition> conditions, Path outDir, long seed, int threads,
                                   Naming naming) {
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
        List<Callable<Output>> tasks = new ArrayList<>();
        java.util.Map<Path, Path> targets = new java.util.HashMap<>();
        for (Job j : jobs) {
            Path relative = base.toAbsolutePath().relativize(j.file().toAbsolutePath());
            Path target = outDir.resolve(j.condition().label()).resolve(naming.name(relative, j.condition()));
            Path clash = targets.put(target.toAbsolutePath().normalize(), j.file());
            if (clash != null) {
                throw new UserInputException("two input files would both be written to " + target + ": " + clash + " and " + j.file());
            }
            tasks.add(() -> {
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
            });
        }
        List<Output> outputs;
        try (Workers workers = new Workers(Math.max(1, threads), "augment")) {
            outputs = workers.invokeAll(tasks, "augmentation");
        } catch (FairhuntException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UserInputException("augmentation failed: " + io.getMessage(), io);
            }
            throw e;
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

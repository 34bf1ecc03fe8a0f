package org.fairhunt.cli.options;

import java.nio.file.Path;
import org.fairhunt.speech.normalize.Normalizer;
import picocli.CommandLine.Option;

/**
 * Transcript normalization options, one group for every command that scores transcripts ({@code wer},
 * and {@code slices}/{@code coverage} with {@code --ref-col/--hyp-col}), so that the same rows get the
 * same WER whichever command scores them.
 */
public final class NormalizerOptions implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Option(names = "--normalize", paramLabel = "STEPS", defaultValue = Normalizer.DEFAULT,
            description = "Comma-separated normalization steps, or 'none' (default: ${DEFAULT-VALUE}).")
    String normalize;

    @Option(names = "--word-map", paramLabel = "FILE", description = "GLM-style word map applied after the steps ('ok => okay').")
    transient Path wordMap; // not serializable; Spark refuses a word map (ErrorOptions#wordMapGiven)

    public Normalizer normalizer() {
        return recipe().build();
    }

    /** The chain's recipe (steps and the word map's lines), for engines that build it elsewhere (Spark's executors). */
    public Normalizer.Recipe recipe() {
        return Normalizer.Recipe.of(normalize, wordMap);
    }
}

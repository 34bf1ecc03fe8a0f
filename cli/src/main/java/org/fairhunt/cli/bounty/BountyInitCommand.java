package org.fairhunt.cli.bounty;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fairhunt.bounty.group.CelLimits;
import org.fairhunt.bounty.pdl.Loss;
import org.fairhunt.bounty.pdl.Thresholdout;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.program.ProgramSettings;
import org.fairhunt.core.io.TableReaders;
import org.fairhunt.core.table.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt bounty init}: create a program. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a bounty program from three data splits and a base model.", "",
            "train is public to hunters; holdout decides submissions; test is never used for decisions and reports the "
                + "true improvement. The feature schema (names, kinds, category levels) is taken from the splits; models get "
                + "one float32 [N,1] input per feature, named like it, categorical values as their level's index (sorted "
                + "levels, listed in an exported manifest.json), missing values as NaN."})
public final class BountyInitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Program directory to create.")
    Path dir;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Public training split (CSV, TSV, JSONL, ARFF).")
    Path train;

    @Option(names = "--holdout", required = true, paramLabel = "FILE", description = "Holdout split: decides submissions.")
    Path holdout;

    @Option(names = "--test", required = true, paramLabel = "FILE", description = "Test split: final report only.")
    Path test;

    @Option(names = "--label", required = true, paramLabel = "COLUMN", description = "Label column.")
    String label;

    @Option(names = "--base-model", required = true, paramLabel = "FILE", description = "Base model f0 (ONNX).")
    Path baseModel;

    @Option(names = "--loss", defaultValue = "zero-one", description = "zero-one (classification), squared or absolute (regression). Default: ${DEFAULT-VALUE}.")
    String loss;

    @Option(names = "--alpha", description = "Minimum gain mu(g)*(L(f,g)-L(h,g)) on the holdout; at least --alpha-floor-rows / "
            + "holdout rows. Default: that floor.")
    Double alpha;

    @Option(names = "--min-group-size", defaultValue = "30", description = "Minimum holdout rows in a group. Default: ${DEFAULT-VALUE}.")
    int minGroupSize;

    @Option(names = "--budget", defaultValue = "20", description = "Submissions per team. Default: ${DEFAULT-VALUE}.")
    int budget;

    @Option(names = "--report-step", defaultValue = "0.001",
            description = "Submitters learn the gain rounded down to this step (0: accept/reject only). Default: ${DEFAULT-VALUE}.")
    double reportStep;

    @Option(names = "--max-model-mb", defaultValue = "16", description = "Largest ONNX file accepted, MiB. Default: ${DEFAULT-VALUE}.")
    long maxModelMb;

    @Option(names = "--model-timeout-ms", defaultValue = "10000", description = "Longest one model run may take. Default: ${DEFAULT-VALUE}.")
    long modelTimeoutMs;

    @Option(names = "--max-group-cost", defaultValue = "500", description = "Static cost limit of a CEL group. Default: ${DEFAULT-VALUE}.")
    int maxGroupCost;

    @Option(names = "--significance", defaultValue = "0.05",
            description = "Largest p-value of the paired test (McNemar for zero-one loss, sign-flip otherwise) of the candidate against "
                    + "the current model on the group's holdout rows; 1 turns the test off. Default: ${DEFAULT-VALUE}.")
    double significance;

    @Option(names = "--alpha-floor-rows", defaultValue = "5",
            description = "Refuse --alpha below this many holdout rows' worth of gain (k/|holdout|), so that no single row can decide "
                    + "a verdict. Default: ${DEFAULT-VALUE}.")
    int alphaFloorRows;

    @Option(names = "--min-group-difference", defaultValue = "10",
            description = "Refuse, without a verdict, a group whose holdout rows differ in fewer than this many rows from a group "
                    + "already submitted against the same model version (0: off). Default: ${DEFAULT-VALUE}.")
    int minGroupDifference;

    @Option(names = "--thresholdout", paramLabel = "threshold=T,sigma=S,budget=B",
            description = "Reuse the holdout through Thresholdout (Dwork et al., Science 2015): a submission's gain on the public "
                    + "rows is compared with its gain on the holdout; when they differ by more than T plus Laplace noise, the "
                    + "noisy holdout gain (Laplace scale S) is answered and one of the program's B holdout answers is spent. "
                    + "Default: off.")
    String thresholdout;

    @Override
    public Integer call() {
        ProgramSettings settings = new ProgramSettings(label, Loss.parse(loss), alpha == null ? Double.NaN : alpha, minGroupSize, budget, reportStep,
                maxModelMb << 20, modelTimeoutMs, new CelLimits(CelLimits.defaults().maxChars(), maxGroupCost), significance,
                alphaFloorRows, minGroupDifference, thresholdout == null ? null : Thresholdout.Settings.parse(thresholdout));
        Table tr = TableReaders.read(train);
        Table ho = TableReaders.read(holdout);
        Table te = TableReaders.read(test);
        try (Program p = Program.create(dir, settings, tr, ho, te, BountyCommand.readModel(baseModel), baseModel.toString())) {
            spec.commandLine().getOut().printf("Created bounty program %s: %d features, label '%s' (%s), %d/%d/%d train/holdout/test rows%n",
                    dir, p.schema().features().size(), label, p.schema().task().name().toLowerCase(java.util.Locale.ROOT),
                    tr.rowCount(), ho.rowCount(), te.rowCount());
            spec.commandLine().getOut().printf("Model inputs (float32 [N,1] each): %s%n", String.join(", ", p.schema().featureNames()));
        }
        return 0;
    }
}

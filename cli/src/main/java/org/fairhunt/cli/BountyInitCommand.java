package org.fairhunt.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fairhunt.bounty.group.CelLimits;
import org.fairhunt.bounty.pdl.Loss;
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
        description = {"Create a bounty program in DIR from three splits of one data set (train: public to hunters;",
            "holdout: decides submissions; test: never used for decisions, reports the true improvement) and a base",
            "ONNX model. The feature schema (names, kinds, category levels) is taken from the splits; models get one",
            "float32 [N,1] input per feature, categorical values as level codes listed by 'bounty status'."})
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

    @Option(names = "--alpha", defaultValue = "0.001", description = "Minimum gain mu(g)*(L(f,g)-L(h,g)) on the holdout. Default: ${DEFAULT-VALUE}.")
    double alpha;

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

    @Override
    public Integer call() {
        ProgramSettings settings = new ProgramSettings(label, Loss.parse(loss), alpha, minGroupSize, budget, reportStep,
                maxModelMb << 20, modelTimeoutMs, new CelLimits(CelLimits.defaults().maxChars(), maxGroupCost));
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

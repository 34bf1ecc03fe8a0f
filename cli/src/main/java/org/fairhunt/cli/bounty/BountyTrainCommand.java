package org.fairhunt.cli.bounty;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fairhunt.bounty.group.GroupPredicate;
import org.fairhunt.bounty.learn.HunterKit;
import org.fairhunt.bounty.learn.Learner;
import org.fairhunt.bounty.program.GroupSpec;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.program.PublicKit;
import org.fairhunt.bounty.schema.FeatureSchema;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.core.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt bounty train}: the hunter kit. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Fit a model on the public rows of a group and write it as ONNX (hunter kit)."})
public final class BountyTrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Hunter's kit (from 'bounty kit'), or the program directory.")
    Path dir;

    @Mixin
    GroupChoice group;

    @Option(names = "--learner", defaultValue = "tree", description = "logistic, tree or boosted. Default: ${DEFAULT-VALUE}.")
    String learner;

    @Option(names = "--max-depth", defaultValue = "4", description = "Tree depth (boosted uses at most 3). Default: ${DEFAULT-VALUE}.")
    int maxDepth;

    @Option(names = "--min-leaf", defaultValue = "5", description = "Minimum rows per leaf. Default: ${DEFAULT-VALUE}.")
    int minLeaf;

    @Option(names = "--rounds", defaultValue = "50", description = "Boosting rounds. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the ONNX model.")
    Path out;

    @Override
    public Integer call() {
        GroupSpec spec0 = group.spec();
        FeatureSchema schema;
        FeatureData train;
        GroupPredicate g;
        if (PublicKit.isKit(dir)) {
            try (PublicKit kit = PublicKit.open(dir)) {
                schema = kit.schema();
                train = kit.train();
                g = kit.compileGroup(spec0);
            }
        } else {
            try (Program p = Program.open(dir)) {
                schema = p.schema();
                train = p.data("train");
                g = p.compileGroup(spec0);
            }
        }
        int[] rows;
        try {
            rows = GroupPredicate.rows(g.members(train));
        } finally {
            if (g instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing a session
                }
            }
        }
        HunterKit.Trained t = HunterKit.train(schema, train, rows, Learner.parse(learner),
                new HunterKit.Options(maxDepth, minLeaf, rounds, 0.1, 1.0));
        AtomicFiles.writeBytes(out, t.onnx());
        spec.commandLine().getOut().printf("Fitted %s on %d public rows of the group; wrote %s (%d bytes); ONNX Runtime agrees with "
                + "the learner on %d of %d rows (the rest lie within float rounding of the decision boundary)%n", learner, rows.length,
                out, t.onnx().length, t.rows() - t.nearBoundary(), t.rows());
        return 0;
    }
}

package org.fairhunt.cli.bounty;

import java.nio.file.Path;
import org.fairhunt.bounty.program.GroupSpec;
import org.fairhunt.core.UserInputException;
import picocli.CommandLine.Option;

/** The group of a bounty pair, {@code --group CEL} or {@code --group-model FILE}: one option group for train, check and submit. */
final class GroupChoice {
    @Option(names = "--group", paramLabel = "CEL", description = "Group as a CEL expression over the features.")
    String cel;

    @Option(names = "--group-model", paramLabel = "FILE", description = "Group as an ONNX model (0/1 output).")
    Path model;

    /** The group; exactly one of the two options must be given. */
    GroupSpec spec() {
        if (cel == null && model == null) {
            throw new UserInputException("give the group with --group 'CEL expression' or --group-model FILE.onnx");
        }
        if (cel != null && model != null) {
            throw new UserInputException("give the group either with --group or with --group-model, not both");
        }
        return cel != null ? GroupSpec.cel(cel) : GroupSpec.onnx(BountyCommand.readModel(model), model.toString());
    }
}

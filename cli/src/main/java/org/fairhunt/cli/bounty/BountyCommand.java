package org.fairhunt.cli.bounty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairhunt.core.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fairhunt bounty}: run an algorithmic bias bounty program on this machine. */
@Command(name = "bounty", mixinStandardHelpOptions = true,
        description = {"Run an algorithmic bias bounty program on this machine.", "",
            "Hunters submit a group (a CEL expression or an ONNX group model) and an ONNX model that beats the current "
                + "model on it (Globus-Harris, Kearns and Roth, FAccT 2022); accepted pairs patch the model, and repairs keep "
                + "every earlier group's holdout error at its best.", ""},
        footer = {"", "Example:",
            "  fairhunt bounty init prog/ --train train.csv --holdout holdout.csv --test test.csv --label deny \\",
            "      --base-model base.onnx --loss zero-one --alpha 0.001 --min-group-size 30 --budget 20",
            "  fairhunt bounty kit prog/ --out kit/      # what hunters get; prog/ holds the holdout and stays private",
            "  fairhunt bounty train kit/ --group 'afam == \"yes\" && single == \"yes\"' --learner tree --out h.onnx",
            "  fairhunt bounty check kit/ --group 'afam == \"yes\" && single == \"yes\"' --model h.onnx",
            "  fairhunt bounty submit prog/ --team red --group 'afam == \"yes\" && single == \"yes\"' --model h.onnx",
            "  fairhunt bounty status prog/",
            "  fairhunt bounty export prog/ --out model/ && fairhunt predict model/ new.csv"})
public final class BountyCommand implements Runnable {
    /**
     * The subcommands, in the order help lists them; not in the annotation, so that a call builds only the
     * one it names (see {@code org.fairhunt.cli.Main#commandLine(String...)}).
     */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            BountyInitCommand.class,
            BountyTrainCommand.class,
            BountyCheckCommand.class,
            BountySubmitCommand.class,
            BountyStatusCommand.class,
            BountyKitCommand.class,
            BountyExportCommand.class,
            BountyAutoCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: init, kit, train, check, submit, status, export or auto");
    }

    static byte[] readModel(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read the model file: " + org.fairhunt.core.io.IoMessages.describe(e));
        }
    }
}

package org.fairhunt.cli;

import java.util.List;
import org.fairhunt.cli.audit.AuditCommand;
import org.fairhunt.cli.bounty.BountyCommand;
import org.fairhunt.cli.bounty.PredictCommand;
import org.fairhunt.cli.discovery.CoverageCommand;
import org.fairhunt.cli.discovery.SlicesCommand;
import org.fairhunt.cli.lastmile.CardCommand;
import org.fairhunt.cli.lastmile.LastMileCommand;
import org.fairhunt.cli.lastmile.NoiseProfileCommand;
import org.fairhunt.cli.service.AdminCommand;
import org.fairhunt.cli.service.ServeCommand;
import org.fairhunt.cli.speech.AugmentCommand;
import org.fairhunt.cli.speech.TranscribeCommand;
import org.fairhunt.cli.speech.WerCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code fairhunt} command: only subcommands. */
@Command(name = "fairhunt", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Audit whether a deployed model is fair and robust, per group, with honest uncertainty.", ""},
        footer = {"", "Examples:",
            "  fairhunt demo",
            "  fairhunt audit credit.csv --label class --positive good --prediction pred --group sex --out reports/credit",
            "", "Run 'fairhunt COMMAND --help' for a command's options."})
public final class FairhuntCommand implements Runnable {
    /**
     * The subcommands, in the order help lists them. Not in the annotation: picocli would reflect over every
     * command's options on each start; {@link Main#commandLine(String...)} adds only the one a call names.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            AuditCommand.class,
            DemoCommand.class,
            WerCommand.class,
            AugmentCommand.class,
            TranscribeCommand.class,
            BountyCommand.class,
            PredictCommand.class,
            SlicesCommand.class,
            CoverageCommand.class,
            CardCommand.class,
            LastMileCommand.class,
            NoiseProfileCommand.class,
            ServeCommand.class,
            AdminCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: say what to do, e.g. 'fairhunt demo'");
    }
}

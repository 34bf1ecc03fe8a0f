package org.fairhunt.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fairhunt.server.Admin;
import org.fairhunt.server.ServerConfig;
import org.fairhunt.server.Service;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code fairhunt admin}: the organizer's actions on a service's database, without HTTP. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = {"Organizer actions on a bounty service's database (the same rules and audit log as its pages).", ""},
        footer = {"", "Examples:",
            "  fairhunt admin --data-dir bounty-data/ create-program lending --train train.csv --holdout holdout.csv \\",
            "      --test test.csv --label deny --base-model base.onnx --budget 20",
            "  fairhunt admin --data-dir bounty-data/ invite-team --program 1 red",
            "  fairhunt admin --data-dir bounty-data/ rotate-token --program 1 red"},
        subcommands = {AdminCommand.CreateOrganizer.class, AdminCommand.CreateProgram.class, AdminCommand.InviteTeam.class,
            AdminCommand.RotateToken.class, AdminCommand.SetState.class, AdminCommand.ListPrograms.class})
public final class AdminCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "The service's data directory.")
    Path dataDir;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "The service's PostgreSQL URL, if it uses one.")
    String db;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "missing command: create-organizer, create-program, invite-team, rotate-token, set-state or list-programs");
    }

    Admin open() {
        ServerConfig.Builder b = ServerConfig.builder(dataDir);
        if (db != null) {
            b.database(db, null, null);
        }
        return new Admin(b.build(), System.getProperty("user.name", "admin") + "@cli");
    }

    @Command(name = "create-organizer", mixinStandardHelpOptions = true, description = "Create an organizer and print its token (once).")
    static final class CreateOrganizer implements Callable<Integer> {
        @ParentCommand
        AdminCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try (Admin a = parent.open()) {
                spec.commandLine().getOut().println(a.createOrganizer(name));
            }
            return 0;
        }
    }

    @Command(name = "create-program", mixinStandardHelpOptions = true, description = "Create a program from three splits and a base model.")
    static final class CreateProgram implements Callable<Integer> {
        @ParentCommand
        AdminCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--train", required = true, paramLabel = "FILE")
        Path train;
        @Option(names = "--holdout", required = true, paramLabel = "FILE")
        Path holdout;
        @Option(names = "--test", required = true, paramLabel = "FILE")
        Path test;
        @Option(names = "--label", required = true, paramLabel = "COLUMN")
        String label;
        @Option(names = "--base-model", required = true, paramLabel = "FILE")
        Path baseModel;
        @Option(names = "--loss", defaultValue = "zero-one")
        String loss;
        @Option(names = "--alpha")
        String alpha;
        @Option(names = "--min-group-size")
        String minGroupSize;
        @Option(names = "--budget")
        String budget;
        @Option(names = "--report-step")
        String reportStep;
        @Option(names = "--opens-at", paramLabel = "ISO_TIME")
        String opensAt;
        @Option(names = "--closes-at", paramLabel = "ISO_TIME")
        String closesAt;

        @Override
        public Integer call() {
            try (Admin a = parent.open()) {
                long id = a.createProgram(new Service.ProgramForm(name, label, loss, alpha, minGroupSize, budget, reportStep, opensAt, closesAt),
                        train, holdout, test, baseModel);
                spec.commandLine().getOut().printf("Created program %d '%s'%n", id, name);
            }
            return 0;
        }
    }

    @Command(name = "invite-team", mixinStandardHelpOptions = true, description = "Invite a team and print its token (once).")
    static final class InviteTeam implements Callable<Integer> {
        @ParentCommand
        AdminCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--program", required = true, paramLabel = "ID")
        long program;
        @Parameters(index = "0", paramLabel = "TEAM")
        String team;

        @Override
        public Integer call() {
            try (Admin a = parent.open()) {
                spec.commandLine().getOut().println(a.inviteTeam(program, team));
            }
            return 0;
        }
    }

    @Command(name = "rotate-token", mixinStandardHelpOptions = true, description = "Revoke a team's tokens and print a new one (once).")
    static final class RotateToken implements Callable<Integer> {
        @ParentCommand
        AdminCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--program", required = true, paramLabel = "ID")
        long program;
        @Parameters(index = "0", paramLabel = "TEAM")
        String team;

        @Override
        public Integer call() {
            try (Admin a = parent.open()) {
                spec.commandLine().getOut().println(a.rotateToken(program, team));
            }
            return 0;
        }
    }

    @Command(name = "set-state", mixinStandardHelpOptions = true, description = "Pause, resume or close a program.")
    static final class SetState implements Callable<Integer> {
        @ParentCommand
        AdminCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--program", required = true, paramLabel = "ID")
        long program;
        @Parameters(index = "0", paramLabel = "STATE", description = "pause, resume or close")
        String state;

        @Override
        public Integer call() {
            try (Admin a = parent.open()) {
                a.setState(program, state);
                spec.commandLine().getOut().printf("Program %d: %s%n", program, state);
            }
            return 0;
        }
    }

    @Command(name = "list-programs", mixinStandardHelpOptions = true, description = "List programs.")
    static final class ListPrograms implements Callable<Integer> {
        @ParentCommand
        AdminCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Admin a = parent.open()) {
                a.programs().forEach(p -> spec.commandLine().getOut().printf("%d\t%s\t%s%n", p.id(), p.name(), p.state()));
            }
            return 0;
        }
    }
}

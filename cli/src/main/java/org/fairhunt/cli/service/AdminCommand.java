package org.fairhunt.cli.service;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fairhunt.cli.options.ServiceOptions;
import org.fairhunt.server.Admin;
import org.fairhunt.server.Service;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
            "  fairhunt admin --data-dir bounty-data/ rotate-token --program 1 red",
            "  fairhunt admin --data-dir bounty-data/ check-record --program 1"},
        subcommands = {AdminCommand.CreateOrganizer.class, AdminCommand.CreateProgram.class, AdminCommand.InviteTeam.class,
            AdminCommand.RotateToken.class, AdminCommand.SetState.class, AdminCommand.ListPrograms.class, AdminCommand.CheckRecord.class})
public final class AdminCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    ServiceOptions service;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: create-organizer, create-program, invite-team, rotate-token, "
                + "set-state, list-programs or check-record");
    }

    Admin open() {
        return new Admin(service.builder().build(), System.getProperty("user.name", "admin") + "@cli");
    }

    /** A subcommand: runs {@link #run(Admin, java.io.PrintWriter)} on the parent's database. */
    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        AdminCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Admin a = parent.open()) {
                return run(a, spec.commandLine().getOut());
            }
        }

        abstract int run(Admin a, java.io.PrintWriter out);
    }

    /** A subcommand about one program. */
    abstract static class ProgramSub extends Sub {
        @Option(names = "--program", required = true, paramLabel = "ID", description = "The program's id (see list-programs).")
        long program;
    }

    @Command(name = "create-organizer", mixinStandardHelpOptions = true, description = "Create an organizer and print its token (once).")
    static final class CreateOrganizer extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        int run(Admin a, java.io.PrintWriter out) {
            out.println(a.createOrganizer(name));
            return 0;
        }
    }

    @Command(name = "create-program", mixinStandardHelpOptions = true, description = "Create a program from three splits and a base model.")
    static final class CreateProgram extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--train", required = true, paramLabel = "FILE", description = "Public training split.")
        Path train;
        @Option(names = "--holdout", required = true, paramLabel = "FILE", description = "Holdout split: decides submissions.")
        Path holdout;
        @Option(names = "--test", required = true, paramLabel = "FILE", description = "Test split: reports the true improvement.")
        Path test;
        @Option(names = "--label", required = true, paramLabel = "COLUMN")
        String label;
        @Option(names = "--base-model", required = true, paramLabel = "FILE", description = "Base model (ONNX).")
        Path baseModel;
        @Option(names = "--loss", defaultValue = "zero-one", description = "zero-one, squared or absolute. Default: ${DEFAULT-VALUE}.")
        String loss;
        @Option(names = "--alpha", description = "Minimum gain on the holdout (default: the floor of a few rows' worth).")
        String alpha;
        @Option(names = "--min-group-size", description = "Minimum holdout rows in a group (default 30).")
        String minGroupSize;
        @Option(names = "--budget", description = "Submissions per team (default 20).")
        String budget;
        @Option(names = "--report-step", description = "Gains are reported rounded down to this step (default 0.001).")
        String reportStep;
        @Option(names = "--opens-at", paramLabel = "ISO_TIME")
        String opensAt;
        @Option(names = "--closes-at", paramLabel = "ISO_TIME")
        String closesAt;

        @Override
        int run(Admin a, java.io.PrintWriter out) {
            long id = a.createProgram(new Service.ProgramForm(name, label, loss, alpha, minGroupSize, budget, reportStep, opensAt, closesAt),
                    train, holdout, test, baseModel);
            out.printf("Created program %d '%s'%n", id, name);
            return 0;
        }
    }

    @Command(name = "invite-team", mixinStandardHelpOptions = true, description = "Invite a team and print its token (once).")
    static final class InviteTeam extends ProgramSub {
        @Parameters(index = "0", paramLabel = "TEAM")
        String team;

        @Override
        int run(Admin a, java.io.PrintWriter out) {
            out.println(a.inviteTeam(program, team));
            return 0;
        }
    }

    @Command(name = "rotate-token", mixinStandardHelpOptions = true, description = "Revoke a team's tokens and print a new one (once).")
    static final class RotateToken extends ProgramSub {
        @Parameters(index = "0", paramLabel = "TEAM")
        String team;

        @Override
        int run(Admin a, java.io.PrintWriter out) {
            out.println(a.rotateToken(program, team));
            return 0;
        }
    }

    @Command(name = "set-state", mixinStandardHelpOptions = true, description = "Pause, resume or close a program.")
    static final class SetState extends ProgramSub {
        @Parameters(index = "0", paramLabel = "STATE", description = "pause, resume or close")
        String state;

        @Override
        int run(Admin a, java.io.PrintWriter out) {
            a.setState(program, state);
            out.printf("Program %d: %s%n", program, state);
            return 0;
        }
    }

    @Command(name = "list-programs", mixinStandardHelpOptions = true, description = "List programs.")
    static final class ListPrograms extends Sub {
        @Override
        int run(Admin a, java.io.PrintWriter out) {
            a.programs().forEach(p -> out.printf("%d\t%s\t%s%n", p.id(), p.name(), p.state()));
            return 0;
        }
    }

    @Command(name = "check-record", mixinStandardHelpOptions = true,
            description = {"Check the queue against the engine's record: every submission decided once, versions contiguous, "
                + "the list replays to the recorded holdout errors. Exit status 1 when not."})
    static final class CheckRecord extends ProgramSub {
        @Override
        int run(Admin a, java.io.PrintWriter out) {
            Admin.RecordCheck c = a.checkRecord(program);
            out.println(c);
            out.println(c.ok() ? "ok" : "PROBLEM");
            return c.ok() ? 0 : 1;
        }
    }
}

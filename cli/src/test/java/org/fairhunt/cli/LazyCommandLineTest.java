package org.fairhunt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A call naming a command builds only that command's model, and behaves exactly as the full tree does. */
class LazyCommandLineTest {

    @Test
    void a_named_command_is_the_only_one_built_and_its_help_is_unchanged() {
        Map<String, CommandLine> all = Main.commandLine().getSubcommands();
        assertEquals(FairhuntCommand.SUBCOMMANDS.size(), all.keySet().stream().map(k -> all.get(k).getCommandName()).distinct().count(),
                "the full tree has every subcommand");
        for (String name : all.keySet()) {
            CommandLine lazy = Main.commandLine(name, "--help");
            assertEquals(List.of(all.get(name).getCommandName()),
                    lazy.getSubcommands().values().stream().map(CommandLine::getCommandName).distinct().toList(), name);
            assertEquals(CliRun.of(Main.commandLine(), name, "--help"), CliRun.of(lazy, name, "--help"), name);
        }
    }

    @Test
    void help_a_typo_and_no_command_see_every_command() {
        for (String[] args : new String[][] {{}, {"--help"}, {"audti"}, {"-V", "audit"}}) {
            assertEquals(Main.commandLine().getSubcommands().keySet(), Main.commandLine(args).getSubcommands().keySet());
        }
        CliRun typo = CliRun.of(Main.commandLine("audti"), "audti");
        assertEquals(Main.EXIT_USAGE, typo.exit());
        assertTrue(typo.err().startsWith("fairhunt: Unmatched argument at index 0: 'audti'"), typo.err());
    }

    @Test
    void a_named_bounty_subcommand_is_the_only_one_built_there() {
        CommandLine full = Main.commandLine().getSubcommands().get("bounty");
        assertEquals(org.fairhunt.cli.bounty.BountyCommand.SUBCOMMANDS.size(), full.getSubcommands().size());
        for (String name : full.getSubcommands().keySet()) {
            CommandLine lazy = Main.commandLine("bounty", name, "--help").getSubcommands().get("bounty");
            assertEquals(List.of(name), List.copyOf(lazy.getSubcommands().keySet()));
            assertEquals(CliRun.of(Main.commandLine(), "bounty", name, "--help"), CliRun.of(Main.commandLine("bounty", name, "--help"),
                    "bounty", name, "--help"), name);
        }
        assertEquals(full.getSubcommands().keySet(), Main.commandLine("bounty", "--help").getSubcommands().get("bounty").getSubcommands().keySet());
        assertEquals(full.getSubcommands().keySet(), Main.commandLine("bounty", "sbumit").getSubcommands().get("bounty").getSubcommands().keySet());
    }

    @Test
    void no_option_of_any_command_needs_the_java_time_or_java_sql_converters_main_leaves_out() {
        CommandLine full = Main.commandLine();
        assertEquals("java\\.(time|sql)\\..*", System.getProperty("picocli.converters.excludes"));
        assertEquals("true", System.getProperty("picocli.disable.closures"));
        java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>(List.of(full));
        int args = 0;
        while (!todo.isEmpty()) {
            CommandLine cl = todo.pop();
            todo.addAll(cl.getSubcommands().values());
            for (CommandLine.Model.ArgSpec arg : cl.getCommandSpec().args()) {
                List<Class<?>> types = new java.util.ArrayList<>(List.of(arg.auxiliaryTypes()));
                types.add(arg.type());
                for (Class<?> type : types) {
                    assertTrue(!type.getName().matches(System.getProperty("picocli.converters.excludes")),
                            cl.getCommandSpec().qualifiedName() + " " + arg.paramLabel() + ": " + type.getName());
                }
                args++;
            }
        }
        assertTrue(args > 200, "options and parameters seen: " + args);
    }

    @Test
    void a_nested_command_and_a_usage_error_run_through_the_lazy_tree_as_through_the_full_one() {
        String[][] calls = {{"bounty", "--help"}, {"bounty"}, {"bounty", "sbumit"}, {"bounty", "submit"}, {"bounty", "submit", "--model"},
            {"card", "--help"}, {"audit"}, {"audit", "x.csv"}, {"wer", "--ref"}, {"slices", "--nope"}};
        for (String[] args : calls) {
            assertEquals(CliRun.of(Main.commandLine(), args), CliRun.of(Main.commandLine(args), args), String.join(" ", args));
        }
    }
}

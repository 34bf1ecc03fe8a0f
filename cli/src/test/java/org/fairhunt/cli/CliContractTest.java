package org.fairhunt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fairhunt.core.json.Json;
import org.fairhunt.core.json.ResultKind;
import org.fairhunt.core.testing.MustRun;
import org.fairhunt.core.testing.SchemaAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** What every command promises: exit statuses, shared options, clear messages, schema-valid output. */
@MustRun
class CliContractTest {
    @TempDir
    Path dir;

    /** 40 rows: group g with 20 values (g1..g20, two rows each), y and p alternate so every value has both outcomes. */
    private Path manyLevels() throws IOException {
        StringBuilder sb = new StringBuilder("g,y,p\n");
        for (int i = 0; i < 40; i++) {
            sb.append("g").append(i % 20 + 1).append(',').append(i % 2).append(',').append(i / 2 % 2).append('\n');
        }
        return Files.writeString(dir.resolve("many.csv"), sb.toString());
    }

    @Test
    void a_group_with_more_values_than_max_levels_is_refused_with_the_count_and_the_way_out() throws IOException {
        Path data = manyLevels();
        CliRun run = CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "g", "--max-levels", "10");
        assertEquals(2, run.exit(), run.err());
        assertEquals("fairhunt: error: " + data + ": group attribute 'g' has 20 distinct values (at most 10 allowed); a slice "
                + "on one of that many values is not a group: bin it, map it to coarser values, or raise --max-levels",
                run.err().strip());
        CliRun ok = CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "g", "--max-levels", "20",
                "--json");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(21, Json.parse(ok.out()).get("slices").size());
    }

    @Test
    void levels_are_listed_in_natural_order() throws IOException {
        Path data = manyLevels();
        CliRun run = CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "g", "--json");
        assertEquals(0, run.exit(), run.err());
        var slices = Json.parse(run.out()).get("slices");
        for (int i = 1; i <= 20; i++) {
            assertEquals("g" + i, slices.get(i).get("attributes").get("g").asText());
        }
    }

    @Test
    void require_judges_inline_constraints_like_a_policy_file() throws IOException {
        Path data = manyLevels();
        CliRun pass = CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "g", "--min-group-size",
                "1", "--require", "value(error_rate) <= 1");
        assertEquals(0, pass.exit(), pass.err());
        CliRun fail = CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "g", "--min-group-size",
                "1", "--require", "value(error_rate) <= 1", "--require", "value(error_rate) <= 0");
        assertEquals(1, fail.exit(), fail.err());
        CliRun both = CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "g", "--require",
                "value(count) >= 1", "--policy", "p.yaml");
        assertEquals(2, both.exit());
        assertEquals("fairhunt: error: give either --policy FILE or --require constraints, not both", both.err().strip());
        CliRun bad = CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "g", "--require",
                "count >= 1");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().startsWith("fairhunt: error: --require:1: cannot read the constraint \"count >= 1\""), bad.err());
    }

    @Test
    void every_subcommand_prints_the_version() {
        String top = CliRun.of("--version").out().strip();
        assertTrue(top.startsWith("fairhunt "), top);
        for (String[] args : new String[][] {{"audit", "--version"}, {"wer", "--version"}, {"slices", "--version"},
            {"bounty", "--version"}, {"bounty", "submit", "--version"}}) {
            CliRun run = CliRun.of(args);
            assertEquals(0, run.exit(), String.join(" ", args));
            assertEquals(top, run.out().strip(), String.join(" ", args));
        }
    }

    @Command(name = "exhaust")
    static final class Exhaust implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void out_of_memory_is_a_message_with_its_own_exit_status_never_1() {
        CommandLine cl = Main.commandLine();
        cl.addSubcommand("exhaust", new Exhaust());
        CliRun run = CliRun.of(cl, "exhaust");
        assertEquals(Main.EXIT_OUT_OF_MEMORY, run.exit());
        assertTrue(run.err().startsWith("fairhunt: error: out of memory (Java heap limit "), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace");
    }

    @Test
    void a_real_exhausted_heap_ends_with_the_message_and_status_4() throws Exception {
        StringBuilder sb = new StringBuilder("g,h,y,p\n");
        for (int i = 0; i < 60_000; i++) {
            sb.append('g').append(i % 6000).append(",h").append(i % 3).append(',').append(i % 2).append(',').append(i / 2 % 2)
                    .append('\n');
        }
        Path data = Files.writeString(dir.resolve("wide.csv"), sb.toString());
        CliRun run = JvmRun.run(List.of("-Xmx32m"), List.of("audit", data.toString(), "--label", "y", "--prediction", "p",
                "--group", "g", "--group", "h", "--intersections", "2", "--max-levels", "10000", "--out",
                dir.resolve("out").toString()), 300);
        assertEquals(Main.EXIT_OUT_OF_MEMORY, run.exit(), run.out());
        // The limit as the JVM counts it (about 32 MiB; some collectors leave a survivor space out).
        assertTrue(run.out().matches("(?s)fairhunt: error: out of memory \\(Java heap limit [23][0-9] MiB\\)\\. Give Java more memory.*"),
                run.out());
        assertFalse(run.out().contains("\tat "), "no stack trace");
    }

    @Test
    void an_unwritable_output_is_a_storage_error_naming_the_file() throws IOException {
        Path data = manyLevels();
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.createDirectory(out.resolve("audit.json")); // a folder where the report goes
        CliRun run = CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "g", "--out", out.toString());
        assertEquals(Main.EXIT_STORAGE, run.exit(), run.err());
        assertEquals("fairhunt: error: cannot write " + out.resolve("audit.json") + ": it is a folder", run.err().strip());
    }

    @Test
    void audit_json_output_is_valid_against_the_published_schema() throws IOException {
        Path data = manyLevels();
        CliRun run = CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "g", "--bootstrap", "20",
                "--min-group-size", "1", "--require", "max_gap(error_rate) <= 0.5", "--json");
        assertEquals(0, run.exit() == 1 || run.exit() == 3 ? 0 : run.exit(), run.err());
        SchemaAssert.assertValid(ResultKind.AUDIT, run.out());
    }
}

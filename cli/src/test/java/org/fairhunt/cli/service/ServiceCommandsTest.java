package org.fairhunt.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fairhunt.bounty.program.SubmissionResult;
import org.fairhunt.cli.CliRun;
import org.fairhunt.server.BountyServer;
import org.fairhunt.server.Fixtures;
import org.fairhunt.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fairhunt admin} and {@code fairhunt bounty submit --server} against a real service on loopback. */
class ServiceCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void an_organizer_sets_up_a_program_from_the_command_line_and_a_team_submits_to_the_server() throws Exception {
        Fixtures fx = Fixtures.create(tmp.resolve("fx"));
        Path base = Files.write(tmp.resolve("base.onnx"), fx.baseModel);
        Path model = Files.write(tmp.resolve("h.onnx"), fx.candidate);
        String data = tmp.resolve("data").toString();
        CliRun created = CliRun.of("admin", "--data-dir", data, "create-program", "lending", "--train", fx.train.toString(), "--holdout",
                fx.holdout.toString(), "--test", fx.test.toString(), "--label", "deny", "--base-model", base.toString(), "--alpha", "0.003");
        assertEquals(0, created.exit(), created.err());
        assertEquals("Created program 1 'lending'", created.out().trim());
        CliRun invited = CliRun.of("admin", "--data-dir", data, "invite-team", "--program", "1", "red");
        assertEquals(0, invited.exit(), invited.err());
        String token = invited.out().trim();
        assertTrue(token.startsWith("fht_"), token);

        try (BountyServer server = BountyServer.create(ServerConfig.builder(Path.of(data)).build()).start("127.0.0.1", 0)) {
            String url = "http://127.0.0.1:" + server.port();
            CliRun submitted = CliRun.of("bounty", "submit", "--server", url, "--token", token, "--program", "1", "--group",
                    Fixtures.SOUTHERN_WOMEN, "--model", model.toString());
            assertEquals(0, submitted.exit(), submitted.err());
            assertTrue(submitted.out().contains("receipt: submission 1 queued"), submitted.out());
            // the same wording as a local submit (SubmissionResult's), budget 20
            assertTrue(submitted.out().matches("(?s).*\nsubmission 1 by team red: accepted: overall holdout error improved by at least "
                    + "0\\.\\d{4} \\(rounded down\\); 19 submission\\(s\\) left in the team's budget\n"), submitted.out());

            // refused on the public rows: the submitter's mistake, as locally: one line, exit 2, not charged
            Path zip = Files.write(tmp.resolve("zip.onnx"), Fixtures.wrongInputModel());
            CliRun invalid = CliRun.of("bounty", "submit", "--server", url, "--token", token, "--program", "1", "--group",
                    Fixtures.SOUTHERN_WOMEN, "--model", zip.toString());
            assertEquals(2, invalid.exit(), invalid.out() + invalid.err());
            assertTrue(invalid.err().startsWith("fairhunt: error: submission 2 refused on the public rows (not charged to the budget): "
                    + "model: zip.onnx: model input 'zip' is not a feature of the program"), invalid.err());
            assertEquals(1, invalid.err().lines().count(), invalid.err());

            // the accepted group again against version 1 gets a verdict; a third time it is a near-duplicate of it, refused
            // without a verdict: a recorded (and charged) outcome, printed with exit 0 as a local submit does
            CliRun again = CliRun.of("bounty", "submit", "--server", url, "--token", token, "--program", "1", "--group",
                    Fixtures.SOUTHERN_WOMEN, "--model", model.toString());
            assertEquals(0, again.exit(), again.err());
            assertTrue(again.out().contains("submission 3 by team red: rejected; 18 submission(s) left"), again.out());
            CliRun dupGroup = CliRun.of("bounty", "submit", "--server", url, "--token", token, "--program", "1", "--group",
                    Fixtures.SOUTHERN_WOMEN, "--model", model.toString());
            assertEquals(0, dupGroup.exit(), dupGroup.err());
            assertTrue(dupGroup.out().contains("submission 4 by team red: " + SubmissionResult.verdict(SubmissionResult.Outcome.REFUSED, 0)
                    + "; 17 submission(s) left in the team's budget"), dupGroup.out());
            assertFalse(dupGroup.out().contains("refused: refused"), dupGroup.out());
            CliRun wrong = CliRun.of("bounty", "submit", "--server", url, "--token", "fht_nope", "--program", "1", "--group", "true",
                    "--model", model.toString());
            assertEquals(2, wrong.exit());
            assertTrue(wrong.err().contains("401") && wrong.err().contains("unknown token"), wrong.err());
        }
        CliRun check = CliRun.of("admin", "--data-dir", data, "check-record", "--program", "1");
        assertEquals(0, check.exit(), check.out() + check.err());
        assertTrue(check.out().trim().endsWith("ok"), check.out());
        CliRun dup = CliRun.of("admin", "--data-dir", data, "invite-team", "--program", "1", "red");
        assertEquals(2, dup.exit());
        assertTrue(dup.err().contains("already"), dup.err());
        CliRun neither = CliRun.of("admin", "list-programs");
        assertEquals(2, neither.exit());
        assertTrue(neither.err().contains("--data-dir DIR"), neither.err());
        CliRun sqlite = CliRun.of("serve", "--db", "jdbc:sqlite:x.db");
        assertEquals(2, sqlite.exit());
        assertTrue(sqlite.err().contains("jdbc:postgresql://"), sqlite.err());
    }
}

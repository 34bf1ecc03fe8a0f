package org.fairhunt.report.bounty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.program.ProgramStatus;
import org.fairhunt.core.json.Json;
import org.fairhunt.core.json.ResultKind;
import org.fairhunt.core.testing.Golden;
import org.fairhunt.core.testing.SchemaAssert;
import org.junit.jupiter.api.Test;

/**
 * The bounty status result: JSON valid against the published {@code fairhunt.bounty-status/v1} schema,
 * and text and JSON pinned by golden files (checked by hand: numbers through Formats, undefined as an
 * em dash in text and null in JSON, decisions only when asked for).
 */
class BountyStatusReportTest {
    static final String H = "5deafc0ffce5" + "0".repeat(52);

    static ProgramStatus status(boolean decisions) {
        return new ProgramStatus("program",
                new ProgramStatus.Rules("deny", "zero-one", 5.0 / 595, 20, 0.05, 10, 5, 0.005), 2,
                List.of(new ProgramStatus.Node(1, "accept", "lvrat > 0.8 || afam == \"yes\"", H, null),
                        new ProgramStatus.Node(2, "repair", "everyone", null, 0)),
                new ProgramStatus.TestSplit(595, 0.10924369747899159, 0.10252100840336134),
                List.of(new Program.TeamStanding("orange", 1, 1, 0.02, 4, new java.util.TreeMap<>(Map.of("afam", 1, "lvrat", 1))),
                        new Program.TeamStanding("red", 2, 0, 0, 3, Map.of("afam", 2))),
                decisions ? List.of(
                        new Program.SubmissionRecord(1, "red", "afam == \"yes\"", "rejected",
                                "improvement not statistically significant (paired test at level 0.05)", 83, 0.0084033613, 0.2272,
                                0, 0, 0),
                        new Program.SubmissionRecord(2, "orange", "lvrat > 0.8 || afam == \"yes\"", "accepted", "accepted", 238, 0.0218487,
                                0.00021, 0.02, 0, 2),
                        new Program.SubmissionRecord(3, "red", "afam == \"yes\"", "failed", "failed on the holdout: ...", null, null, null,
                                0, 2, 2)) : null, null);
    }

    @Test
    void the_json_is_valid_v1_and_pinned() {
        ObjectNode without = BountyStatusReport.json(status(false));
        SchemaAssert.assertValid(ResultKind.BOUNTY_STATUS, without);
        assertFalse(without.has("decisions"), "decisions only when asked for");
        ObjectNode with = BountyStatusReport.json(status(true));
        SchemaAssert.assertValid(ResultKind.BOUNTY_STATUS, with);
        Golden.assertText("bounty-status-v1.json", Json.toText(with));
    }

    /** Thresholdout's settings and answers left appear in text and JSON only when the program uses it. */
    @Test
    void thresholdout_settings_and_answers_left_are_shown_when_on() {
        ProgramStatus off = status(false);
        ProgramStatus on = new ProgramStatus(off.program(), off.rules(), off.version(), off.nodes(), off.test(), off.leaderboard(), null,
                new ProgramStatus.Reuse(0.02, 0.005, 10, 0));
        assertFalse(BountyStatusReport.text(off).contains("Thresholdout"));
        assertFalse(BountyStatusReport.json(off).has("thresholdout"));
        String text = BountyStatusReport.text(on);
        assertTrue(text.contains("\nThresholdout (reusable holdout): threshold 0.0200, sigma 0.00500; 0 of 10 holdout answers left"
                + " (used up: submissions are refused)\nModel version 2:"), text);
        ObjectNode json = BountyStatusReport.json(on);
        SchemaAssert.assertValid(ResultKind.BOUNTY_STATUS, json);
        assertEquals("{\"threshold\":0.02,\"sigma\":0.005,\"budget\":10,\"answers_left\":0}", json.get("thresholdout").toString());
    }

    @Test
    void the_text_writes_numbers_through_formats_and_is_pinned() {
        String text = BountyStatusReport.text(status(true)) + BountyStatusReport.decisions(status(true));
        assertTrue(text.contains("alpha 0.00840,") && text.contains("—"), text);
        Golden.assertText("bounty-status.txt", text);
    }
}

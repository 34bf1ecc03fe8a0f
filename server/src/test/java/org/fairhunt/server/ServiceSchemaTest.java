package org.fairhunt.server;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fairhunt.core.json.Json;
import org.fairhunt.core.json.ResultKind;
import org.fairhunt.core.testing.SchemaAssert;
import org.junit.jupiter.api.Test;

/**
 * The published service schema can fail: responses written by hand (from the README's description of what a
 * team may see) pass, and each one broken in a way a client would notice is refused. {@link ServiceContract}
 * validates the real responses of a running server on both databases.
 */
class ServiceSchemaTest {
    private static void invalid(String def, String json) {
        AssertionError e = assertThrows(AssertionError.class, () -> SchemaAssert.assertValidDefinition(ResultKind.SERVICE, def,
                Json.parse(json)), def + " accepted " + json);
        assertTrue(e.getMessage().contains("$defs/" + def), e.getMessage());
    }

    private static void valid(String def, String json) {
        SchemaAssert.assertValidDefinition(ResultKind.SERVICE, def, Json.parse(json));
    }

    @Test
    void a_teams_view_of_a_submission_passes_and_leaks_or_wrong_types_fail() {
        valid("submission", "{\"id\":7,\"program\":1,\"team\":\"red\",\"received_at\":\"2026-11-29T20:00:00Z\",\"status\":\"decided\","
                + "\"group\":\"sex == \\\"f\\\"\",\"model\":\"h.onnx\",\"outcome\":\"accepted\",\"verdict\":\"accepted\","
                + "\"reported_improvement\":0.004,\"budget_left\":4,\"decided_at\":\"2026-11-29T20:00:01.5Z\"}");
        valid("receipt", "{\"id\":7,\"status\":\"queued\",\"url\":\"/api/submissions/7\"}");
        // the exact gain and the group's holdout size are the organizer's: never in a team's view
        invalid("submission", "{\"id\":7,\"program\":1,\"team\":\"red\",\"received_at\":\"2026-11-29T20:00:00Z\",\"status\":\"decided\","
                + "\"group\":\"g\",\"model\":\"h.onnx\",\"gain\":0.0041}");
        invalid("submission", "{\"id\":7,\"program\":1,\"team\":\"red\",\"received_at\":\"2026-11-29T20:00:00Z\",\"status\":\"done\","
                + "\"group\":\"g\",\"model\":\"h.onnx\"}");
        invalid("receipt", "{\"id\":\"7\",\"status\":\"queued\",\"url\":\"/api/submissions/7\"}");
        invalid("receipt", "{\"id\":7,\"status\":\"queued\"}");
    }

    @Test
    void problem_details_and_lists_are_checked_too() {
        valid("problem", "{\"type\":\"https://fairhunt.org/problems/invalid-input\",\"title\":\"Invalid input\",\"status\":400,"
                + "\"detail\":\"alpha must be a number, got 'lots'\",\"instance\":\"/api/programs\",\"field\":\"alpha\"}");
        invalid("problem", "{\"type\":\"about:blank\",\"title\":\"x\",\"status\":200,\"detail\":\"d\",\"instance\":\"/\"}");
        valid("program_list", "[]");
        invalid("program_list", "[{\"id\":1}]");
        invalid("leaderboard", "[{\"team\":\"red\",\"submissions\":1,\"accepted\":1,\"reportedImprovement\":-0.5,\"testImprovement\":0}]");
    }
}

package org.fairhunt.lastmile.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.json.ResultKind;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.testing.SchemaAssert;
import org.fairhunt.lastmile.SpeechFixtures;
import org.fairhunt.lastmile.SpeechFixtures.Row;
import org.fairhunt.core.testing.MustRun;
import org.junit.jupiter.api.Test;

/** A card from a hand-made evaluation: values, sums and speakers counted by hand. */
@MustRun
class CardBuilderTest {

    /** us: 2 speakers x 2 utterances, 1 and 3 errors each speaker; scottish: 1 speaker, 2 utterances with 5 errors; 10 words each. */
    private static Table handMade() {
        List<Row> rows = new ArrayList<>();
        for (String s : List.of("u1", "u2")) {
            rows.add(new Row(s, Map.of("accent", "us", "condition", "clean"), 1));
            rows.add(new Row(s, Map.of("accent", "us", "condition", "noise"), 3));
        }
        rows.add(new Row("s1", Map.of("accent", "scottish", "condition", "clean"), 5));
        rows.add(new Row("s1", Map.of("accent", "scottish", "condition", "clean"), 5));
        return SpeechFixtures.table(rows, "hand.csv");
    }

    @Test
    void card_holds_values_sums_speakers_claims_and_coverage() {
        JsonNode audit = SpeechFixtures.audit(handMade(), List.of("accent", "condition"), 50, 1);
        var card = CardBuilder.build(audit, SpeechFixtures.about(), List.of("max_gap(wer) <= 0.1 over [accent]"), "hand/audit.json");
        SchemaAssert.assertValid(ResultKind.CARD, card);
        Card c = Card.of(card, "test", null);
        // us: (1+3+1+3) errors / 40 words = 0.2; scottish: 10/20 = 0.5; overall 18/60 = 0.3
        assertEquals(0.2, c.estimate(Map.of("accent", "us"), "wer").value(), 1e-12);
        assertEquals(0.5, c.estimate(Map.of("accent", "scottish"), "wer").value(), 1e-12);
        assertEquals(0.3, c.estimate(Map.of(), "wer").value(), 1e-12);
        assertEquals(50, c.estimate(Map.of(), "wer").replicates().length);
        JsonNode us = c.slice(Map.of("accent", "us"));
        assertEquals(2, us.path("clusters").asInt());
        assertEquals(4, us.path("n").asLong());
        assertEquals(40, us.path("sums").path("wer").path("ref_words").asDouble());
        assertEquals(8, us.path("sums").path("wer").path("substitutions").asDouble());
        assertEquals("whitespace > case", c.normalization());
        // gap 0.5 - 0.2 = 0.3 > 0.1, but scottish has a single speaker, so no interval: the claim is inconclusive, not failed
        assertEquals("inconclusive", card.path("claims").get(0).path("outcome").asText());
        assertEquals("max_gap(wer) <= 0.1 over [accent]", card.path("claims").get(0).path("constraint").asText());
        // coverage: scottish was never recorded in noise
        JsonNode cells = card.path("coverage").path("cells");
        boolean found = false;
        for (JsonNode cell : cells) {
            if (cell.path("attributes").path("accent").asText().equals("scottish")
                    && cell.path("attributes").path("condition").asText().equals("noise")) {
                assertEquals("not evaluated", cell.path("status").asText());
                found = true;
            }
        }
        assertTrue(found, cells.toString());
        assertEquals(1, card.path("coverage").path("cells_not_evaluated").asInt());
    }

    @Test
    void an_audit_without_evidence_or_of_another_kind_is_refused() throws Exception {
        var dir = java.nio.file.Files.createTempDirectory("card");
        var noEvidence = dir.resolve("audit.json");
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) SpeechFixtures.audit(handMade(), List.of("accent"), 50, 1);
        tree.remove(Evidence.KEY);
        java.nio.file.Files.writeString(noEvidence, tree.toString());
        assertTrue(assertThrows(UserInputException.class, () -> CardBuilder.readAudit(noEvidence)).getMessage()
                .contains("no 'evidence' section"));
        var other = dir.resolve("other.json");
        java.nio.file.Files.writeString(other, "{\"schema\": \"fairhunt.slices/v1\"}");
        assertTrue(assertThrows(UserInputException.class, () -> CardBuilder.readAudit(other)).getMessage()
                .contains("fairhunt.slices/v1"));
    }
}

package org.fairhunt.lastmile.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.io.ReadOptions;
import org.fairhunt.core.io.TableReaders;
import org.fairhunt.core.table.Table;
import org.fairhunt.lastmile.SpeechFixtures;
import org.fairhunt.lastmile.card.Card;
import org.fairhunt.lastmile.card.CardBuilder;
import org.fairhunt.lastmile.card.Evidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelFreeEstimateTest {
    @TempDir
    Path dir;

    private Table csv(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return TableReaders.read(f, ReadOptions.defaults());
    }

    /** A provider's tabular card from 40 rows whose scores are the positive rate of their score value (well calibrated). */
    private Card card(String claim) throws Exception {
        StringBuilder sb = new StringBuilder("sex,y,p,s\n");
        for (String sex : List.of("f", "m")) {
            for (int i = 0; i < 100; i++) {
                // score 0.8: 80 of 100 positive; score 0.2: 20 of 100 positive
                sb.append(sex).append(',').append(i < 80 ? 1 : 0).append(",1,0.8\n");
                sb.append(sex).append(',').append(i < 20 ? 1 : 0).append(",0,0.2\n");
            }
        }
        Table t = csv("provider.csv", sb.toString());
        AuditRequest r = new AuditRequest("y", null, "p", "s", false, List.of("sex"), java.util.Map.of(), 1, 5, null, 100, 1, null,
                null, 1, 0.95);
        Auditor.Outcome o = Auditor.run(t, r);
        var tree = org.fairhunt.core.result.AuditJson.toTree(Evidence.attach(o.result(), o.run(), o.table()));
        return Card.of(CardBuilder.build(tree, SpeechFixtures.about(), List.of(claim), "provider"), "card", null);
    }

    @Test
    void accuracy_from_calibrated_scores_by_hand() throws Exception {
        Card card = card("value(ece) <= 0.1");
        assertEquals(0.1, LabelFreeEstimate.certifiedBound(card));
        Table mine = csv("mine.csv", "sex,s\nf,0.9\nf,0.8\nm,0.3\nm,0.6\n");
        List<LastMileResult.LabelFree> e = LabelFreeEstimate.estimate(card, mine, "s", null, null, List.of("sex"), 0.95);
        // predicted positive at s >= 0.5: P(correct) = 0.9, 0.8, 0.7 (1 - 0.3), 0.6 -> mean 0.75
        // sum of c(1 - c) = 0.09 + 0.16 + 0.21 + 0.24 = 0.70; half width 1.959964 * sqrt(0.70) / 4 + 0.1 = 0.509956
        var all = e.get(0);
        assertEquals(0.75, all.accuracy(), 1e-12);
        assertEquals(0.75 - 0.509956, all.lo(), 1e-6);
        assertEquals(1.0, all.hi(), 1e-12); // capped
        // the card's accuracy overall: 320 of 400 right
        assertEquals(0.8, all.card(), 1e-12);
        // rows to label for +-0.1 at 0.75: 1.959964^2 * 0.1875 / 0.01 = 72.03 -> 73
        assertEquals(73, all.rowsToLabel());
        var f = e.get(1);
        assertEquals("f", f.slice().get("sex"));
        assertEquals(0.85, f.accuracy(), 1e-12);
    }

    @Test
    void refused_unless_the_card_certifies_calibration() throws Exception {
        Card failing = card("value(ece) <= 0.0001");
        Table mine = csv("mine.csv", "sex,s\nf,0.9\nm,0.3\n");
        UserInputException e = assertThrows(UserInputException.class,
                () -> LabelFreeEstimate.estimate(failing, mine, "s", null, null, List.of("sex"), 0.95));
        assertTrue(e.getMessage().contains("does not certify per-group calibration"), e.getMessage());
    }
}

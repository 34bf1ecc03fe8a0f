package org.fairhunt.lastmile.compare;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fairhunt.core.table.Table;
import org.fairhunt.lastmile.SpeechFixtures;
import org.fairhunt.lastmile.card.Card;
import org.fairhunt.core.testing.MustRun;
import org.fairhunt.core.testing.Slow;
import org.junit.jupiter.api.Test;

/**
 * A seeded simulation of the difference-in-differences interval, clustered by speaker: speakers vary
 * around their accent's error rate (log-normal spread 0.3), so utterances of one speaker are
 * correlated and an interval that treated them as independent would be too narrow. The customer's
 * data add 0.05 to every speaker in the "floor" condition and another 0.05 to accent b there, so the
 * true DiD is 0.025 for b and 0 for c (each customer group is half quiet, half floor).
 */
@MustRun
@Slow
class DifferenceCoverageSimulationTest {

    @Test
    void did_interval_covers_93_to_97_percent() {
        SplittableRandom random = new SplittableRandom(20261129);
        Map<String, Double> rates = Map.of("a", 0.10, "b", 0.15, "c", 0.20);
        int runs = 250;
        int covered = 0;
        int total = 0;
        for (int run = 0; run < runs; run++) {
            Table provider = SpeechFixtures.table(SpeechFixtures.simulate("accent", rates, null, Map.of("clean", 0.0), Map.of(),
                    20, 8, 0.3, "p", random), "provider");
            Card card = SpeechFixtures.card(provider, List.of("accent"), List.of(), 200, run + 1);
            Table site = SpeechFixtures.table(SpeechFixtures.simulate("accent", rates, "site",
                    Map.of("quiet", 0.0, "floor", 0.05), Map.of("b", 0.05), 20, 4, 0.3, "c", random), "customer");
            var columns = new CustomerAudit.Columns("reference", "hypothesis", "speaker", null, null, null, null, null, null, null,
                    200, 1000 + run, 2);
            LastMile.Customer customer = CustomerAudit.run(card, site, List.of("accent"), List.of("site"), columns, 0.95);
            LastMileResult r = LastMile.compute(card, "card", customer, new LastMile.Options(List.of("accent"), List.of("site"),
                    Map.of("wer", 0.02), Map.of("accent", "a"), Map.of("site", "quiet"), 0.95, false));
            for (var d : r.differences()) {
                double truth = d.group().equals("b") ? 0.025 : 0.0;
                total++;
                if (d.lo() <= truth && truth <= d.hi()) {
                    covered++;
                }
            }
        }
        double coverage = covered / (double) total;
        System.out.println("DiD coverage " + coverage + " (" + covered + "/" + total + ")");
        assertTrue(total == 2 * runs, "every run gives two differences, got " + total);
        assertTrue(coverage >= 0.93 && coverage <= 0.97, "DiD coverage " + coverage + " (" + covered + "/" + total + ")");
    }
}

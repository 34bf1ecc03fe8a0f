package org.fairhunt.report.lastmile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.fairhunt.core.json.Json;
import org.fairhunt.core.json.ResultKind;
import org.fairhunt.core.testing.SchemaAssert;
import org.fairhunt.lastmile.compare.LastMileResult;
import org.fairhunt.lastmile.compare.LastMileResult.Comparison;
import org.junit.jupiter.api.Test;

/** The renderers on a small hand-made result: schemas hold, charts are drawn, the findings carry only findings. */
class LastMileReportTest {

    private static Comparison comparison(Map<String, String> slice, Map<String, String> cardSlice, double card, double customer,
            String verdict) {
        double d = customer - card;
        return new Comparison(slice, cardSlice, "wer", card, card - 0.02, card + 0.02, 300, 20, customer, customer - 0.03,
                customer + 0.03, 200, 16, d, d - 0.04, d + 0.04, 0.01, 0.02, verdict, null, null,
                slice.equals(cardSlice) ? null : "the card has no site=floor3; compared with the card's " + cardSlice);
    }

    static LastMileResult result() {
        var us = Map.of("accent", "us");
        var sc = Map.of("accent", "scottish");
        List<Comparison> cs = List.of(
                comparison(Map.of(), Map.of(), 0.10, 0.15, "fail"),
                comparison(us, us, 0.08, 0.10, "inconclusive"),
                comparison(sc, sc, 0.12, 0.22, "fail"),
                comparison(new java.util.TreeMap<>(Map.of("accent", "us", "site", "floor3")), us, 0.08, 0.12, "fail"),
                comparison(new java.util.TreeMap<>(Map.of("accent", "scottish", "site", "floor3")), sc, 0.12, 0.30, "fail"));
        var did = new LastMileResult.Difference("accent", "scottish", "us", "wer", 0.10, 0.02, 0.08, 0.03, 0.13, 0.001, 0.001, true);
        var het = new LastMileResult.Heterogeneity("accent", "wer", 2, 9.5, 1, 0.002, 0.89);
        var inter = new LastMileResult.Interaction("accent", "scottish", "us", "site", "floor3", "quiet", "wer", 0.15, 0.05, 0.10,
                0.04, 0.16, 0.001, 0.001, true);
        var claim = new LastMileResult.Claim("max_gap(wer) <= 0.05 over [accent]", "pass", "fail", "gap 0.12");
        var unc = new LastMileResult.Uncovered(Map.of("site", "floor3"), 200, "wer", 0.2, 0.17, 0.23,
                "not covered by the provider's evaluation: the card has no site=floor3");
        var advice = new LastMileResult.Advice("targeted-data", sc, "wer", "collect scottish speech");
        return new LastMileResult(LastMileResult.SCHEMA,
                new LastMileResult.CardInfo("card.json", "ASR", "2", "Acme", "2026-11-29", true, "Acme", "abc", "2026-11-29T18:00:00Z",
                        "whitespace > case"),
                new LastMileResult.CustomerInfo("mine.csv", 400, List.of("accent"), List.of("site"), 200, "speaker", "whitespace > case"),
                0.95, Map.of("wer", 0.02), cs, List.of(did), List.of(het), List.of(inter), List.of(claim), List.of(unc), List.of(advice),
                List.of(), List.of());
    }

    @Test
    void json_and_findings_follow_their_schemas() {
        LastMileResult r = result();
        String json = LastMileJson.json(r);
        SchemaAssert.assertValid(ResultKind.LASTMILE, json);
        var findings = Json.parse(LastMileJson.findings(r));
        SchemaAssert.assertValid(ResultKind.FINDINGS, findings);
        // only the failed comparisons, the significant difference and interaction, the failing claim
        assertEquals(4, findings.path("degraded").size());
        assertEquals(1, findings.path("differential_degradation").size());
        assertEquals(1, findings.path("condition_by_group").size());
        assertEquals(1, findings.path("claims_failing").size());
    }

    @Test
    void html_draws_card_vs_customer_bars_the_forest_plot_and_the_heatmap() {
        String html = LastMileHtml.render(result());
        // two bars (card, customer) per accent
        assertTrue(html.contains("us · card") && html.contains("scottish · customer"), "card-vs-customer bars");
        assertTrue(html.contains("class=\"fh-forest\"") && html.contains("class=\"fh-dot\""), "forest plot");
        assertTrue(html.contains("degradation of wer: accent × site"), "heatmap");
        String md = LastMileMarkdown.render(result());
        assertTrue(md.contains("| accent=scottish | accent=us | wer |"), md);
    }
}

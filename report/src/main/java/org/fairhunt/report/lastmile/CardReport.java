package org.fairhunt.report.lastmile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.result.SliceResult;
import org.fairhunt.lastmile.card.Card;
import org.fairhunt.report.Formats;
import org.fairhunt.report.html.Html;
import org.fairhunt.report.markdown.Markdown;

/**
 * A service card for people: what the provider says (uses, evaluation data, confounders, fairness
 * considerations, contact) and what it measured (per-slice values with intervals, rows and speakers,
 * claims with verdicts, coverage), as Markdown and as a self-contained HTML page.
 */
public final class CardReport {
    private static final List<String[]> PROSE = List.of(
            new String[] {"description", "Description"},
            new String[] {"intended_uses", "Intended uses"},
            new String[] {"out_of_scope_uses", "Out-of-scope uses"},
            new String[] {"evaluation_data", "How the evaluation data were collected"},
            new String[] {"confounders", "Confounders known to matter"},
            new String[] {"fairness_considerations", "Fairness considerations"},
            new String[] {"contact", "Contact"});

    private CardReport() {
    }

    public static String markdown(Card card) {
        JsonNode a = card.about();
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(Markdown.escape(a.path("name").asText())).append(' ').append(Markdown.escape(a.path("version").asText()))
                .append("\n\nService card (").append(Card.SCHEMA).append(") by ").append(Markdown.escape(a.path("provider").asText()))
                .append(", ").append(a.path("date").asText()).append(".\n");
        signature(card, sb);
        for (String[] p : PROSE) {
            if (a.has(p[0])) {
                sb.append("\n## ").append(p[1]).append("\n\n").append(prose(a.get(p[0]), "- ")).append('\n');
            }
        }
        JsonNode e = card.evaluation();
        sb.append("\n## Evaluation\n\n").append(e.path("rows").asLong()).append(" rows of ").append(Markdown.escape(e.path("source").asText()))
                .append("; task ").append(Markdown.escape(e.path("task").asText())).append("; groups ").append(card.groups())
                .append(" with intersections up to ").append(e.path("intersections").asInt()).append("; ")
                .append(e.path("bootstrap").path("replicates").asInt()).append(" bootstrap replicates clustered by ")
                .append(e.path("bootstrap").path("cluster").asText("row")).append(", ")
                .append(Formats.percent(card.level())).append(" intervals.\n");
        if (card.normalization() != null) {
            sb.append("Scoring: normalization `").append(card.normalization()).append("`; alignment ")
                    .append(e.path("speech").path("alignment").asText()).append(".\n");
        }
        for (String metric : card.metrics().keySet()) {
            sb.append("\n### ").append(metric).append(" — ").append(Markdown.escape(e.path("metrics").path(metric).path("description").asText()))
                    .append("\n\n");
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode s : card.json().path("slices")) {
                JsonNode m = s.path("metrics").path(metric);
                rows.add(List.of(Markdown.escape(label(s.path("attributes"))), Long.toString(s.path("n").asLong()),
                        s.has("clusters") ? Integer.toString(s.get("clusters").asInt()) : "",
                        estimate(m), s.path("too_small").asBoolean() ? "too small" : ""));
            }
            sb.append(Markdown.table(List.of("slice", "n", "speakers/clusters", metric, ""), List.of(false, true, true, true, false), rows));
        }
        sb.append("\n## Claims\n\n");
        if (card.json().path("claims").isEmpty()) {
            sb.append("None.\n");
        }
        for (JsonNode c : card.json().path("claims")) {
            sb.append("- `").append(c.path("constraint").asText()).append("`: **").append(c.path("outcome").asText()).append("** — ")
                    .append(Markdown.escape(c.path("detail").asText())).append('\n');
        }
        JsonNode cov = card.json().path("coverage");
        sb.append("\n## Coverage\n\n").append(cov.path("cells_evaluated").asInt()).append(" attribute cells evaluated, ")
                .append(cov.path("cells_thin").asInt()).append(" thin (fewer than ").append(cov.path("thin_rows").asInt()).append(" rows or ")
                .append(cov.path("thin_clusters").asInt()).append(" speakers), ").append(cov.path("cells_not_evaluated").asInt())
                .append(" not evaluated at all.\n\n");
        for (JsonNode c : cov.path("cells")) {
            if (!"evaluated".equals(c.path("status").asText())) {
                sb.append("- ").append(Markdown.escape(label(c.path("attributes")))).append(": ").append(c.path("status").asText())
                        .append(" (n = ").append(c.path("n").asLong()).append(")\n");
            }
        }
        return sb.toString();
    }

    public static String html(Card card) {
        JsonNode a = card.about();
        Html.Page page = Html.page(a.path("name").asText() + " " + a.path("version").asText() + " — service card");
        StringBuilder sig = new StringBuilder();
        signature(card, sig);
        page.subtitle("by " + a.path("provider").asText() + ", " + a.path("date").asText() + " · " + sig.toString().strip());
        for (String[] p : PROSE) {
            if (a.has(p[0])) {
                page.section(p[0], p[1], Html.raw("<p>" + Html.escape(prose(a.get(p[0]), "• ")).replace("\n", "<br>") + "</p>"));
            }
        }
        for (String metric : card.metrics().keySet()) {
            Html.Table t = Html.table().column("slice").numericColumn("n").numericColumn("speakers/clusters").numericColumn(metric);
            for (JsonNode s : card.json().path("slices")) {
                t.row(s.path("too_small").asBoolean() ? "muted" : null, List.of(label(s.path("attributes")), s.path("n").asLong(),
                        s.has("clusters") ? s.get("clusters").asInt() : "", estimate(s.path("metrics").path(metric))));
            }
            page.section("metric-" + metric, metric + " per slice", t.render());
        }
        Html.Table claims = Html.table().column("claim").column("verdict").column("detail");
        for (JsonNode c : card.json().path("claims")) {
            claims.row(c.path("constraint").asText(), Html.badge(c.path("outcome").asText()), c.path("detail").asText());
        }
        page.section("claims", "Claims (judged on the provider's data)", claims.render());
        Html.Table cov = Html.table().column("cell").numericColumn("n").numericColumn("speakers").column("status");
        for (JsonNode c : card.json().path("coverage").path("cells")) {
            cov.row(label(c.path("attributes")), c.path("n").asLong(), c.has("clusters") ? c.get("clusters").asInt() : "",
                    c.path("status").asText());
        }
        page.section("coverage", "Coverage of the evaluation data", cov.render());
        return page.render();
    }

    private static void signature(Card card, StringBuilder sb) {
        JsonNode s = card.json().path("signature");
        if (card.signature() != null) {
            sb.append("Signature verified: signed by ").append(card.signature().signer()).append(" with key ").append(card.signature().keyId())
                    .append(" at ").append(card.signature().signedAt()).append(".\n");
        } else if (s.isObject()) {
            sb.append("Signed by ").append(s.path("signer").asText()).append(" (key ").append(s.path("key_id").asText())
                    .append(") — not verified here; run fairhunt card verify.\n");
        } else {
            sb.append("Not signed.\n");
        }
    }

    private static String estimate(JsonNode m) {
        if (!m.path("value").isNumber()) {
            return m.has("reason") ? Formats.UNDEFINED + " (" + m.get("reason").asText() + ")" : Formats.UNDEFINED;
        }
        JsonNode ci = m.path("ci");
        return ci.has("lo") ? Formats.estimate(m.get("value").asDouble(), ci.get("lo").asDouble(), ci.get("hi").asDouble())
                : Formats.number(m.get("value").asDouble());
    }

    /** {@link SliceResult#label(Map)} of a card's {@code attributes} object. */
    static String label(JsonNode attributes) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
            var e = it.next();
            values.put(e.getKey(), e.getValue().asText());
        }
        return SliceResult.label(values);
    }

    private static String prose(JsonNode n, String bullet) {
        if (n.isArray()) {
            StringBuilder sb = new StringBuilder();
            n.forEach(x -> sb.append(bullet).append(x.isValueNode() ? x.asText() : x.toString()).append('\n'));
            return sb.toString();
        }
        if (n.isObject()) {
            StringBuilder sb = new StringBuilder();
            n.fields().forEachRemaining(e -> sb.append(bullet).append(e.getKey()).append(": ")
                    .append(e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()).append('\n'));
            return sb.toString();
        }
        return n.asText() + "\n";
    }
}

package org.fairhunt.lastmile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fairhunt.core.result.AuditJson;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TextColumn;
import org.fairhunt.lastmile.card.Card;
import org.fairhunt.lastmile.card.CardBuilder;
import org.fairhunt.lastmile.card.Evidence;
import org.fairhunt.speech.WerAudit;
import org.fairhunt.speech.normalize.Normalizer;

/**
 * Synthetic speech evaluations with known word error rates: every utterance has ten reference words,
 * and each word is substituted with the speaker's error probability (speakers vary around their
 * group's rate, so clustering by speaker matters).
 */
public final class SpeechFixtures {
    private SpeechFixtures() {
    }

    /** One utterance row. */
    public record Row(String speaker, Map<String, String> attributes, int errors) {
    }

    /**
     * Rows for {@code speakers} speakers per group value, {@code utterances} each, in every condition;
     * speaker error probability {@code rate(group, condition) · exp(N(0, spread²))}, capped at 0.95.
     */
    public static List<Row> simulate(String attribute, Map<String, Double> groupRates, String conditionAttribute,
            Map<String, Double> conditionShift, Map<String, Double> extraShift, int speakers, int utterances, double spread,
            String prefix, SplittableRandom random) {
        List<Row> rows = new ArrayList<>();
        for (var g : groupRates.entrySet()) {
            for (int s = 0; s < speakers; s++) {
                String speaker = prefix + g.getKey() + s;
                double factor = Math.exp(spread * gaussian(random));
                for (var c : conditionShift.entrySet()) {
                    double p = Math.min(0.95, g.getValue() * factor + c.getValue()
                            + (c.getValue() > 0 ? extraShift.getOrDefault(g.getKey(), 0.0) : 0));
                    for (int u = 0; u < utterances; u++) {
                        int errors = 0;
                        for (int w = 0; w < 10; w++) {
                            if (random.nextDouble() < p) {
                                errors++;
                            }
                        }
                        Map<String, String> attrs = new LinkedHashMap<>();
                        attrs.put(attribute, g.getKey());
                        if (conditionAttribute != null) {
                            attrs.put(conditionAttribute, c.getKey());
                        }
                        rows.add(new Row(speaker, attrs, errors));
                    }
                }
            }
        }
        return rows;
    }

    public static Table table(List<Row> rows, String source) {
        int n = rows.size();
        String[] ref = new String[n];
        String[] hyp = new String[n];
        String[] speaker = new String[n];
        Map<String, String[]> attrs = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            StringBuilder a = new StringBuilder();
            StringBuilder b = new StringBuilder();
            for (int w = 0; w < 10; w++) {
                a.append(w == 0 ? "" : " ").append("w").append(w);
                b.append(w == 0 ? "" : " ").append(w < r.errors() ? "x" + w : "w" + w);
            }
            ref[i] = a.toString();
            hyp[i] = b.toString();
            speaker[i] = r.speaker();
            int row = i;
            r.attributes().forEach((k, v) -> attrs.computeIfAbsent(k, x -> new String[n])[row] = v);
        }
        List<Column> cols = new ArrayList<>();
        cols.add(categorical("speaker", speaker));
        attrs.forEach((k, v) -> cols.add(categorical(k, v)));
        cols.add(new TextColumn("reference", ref));
        cols.add(new TextColumn("hypothesis", hyp));
        return new Table(source, cols);
    }

    /** A categorical column of {@code values} (levels in order of first appearance). */
    static CategoricalColumn categorical(String name, String[] values) {
        return org.fairhunt.core.table.Columns.toCategorical(new TextColumn(name, values));
    }

    /** The provider's audit tree (with evidence) of {@code table} by {@code groups}, clustered by speaker. */
    public static JsonNode audit(Table table, List<String> groups, int replicates, long seed) {
        var options = new WerAudit.Options(Normalizer.scliteDefault(), groups, 2, replicates, seed, "speaker", 30, 2, 0.95)
                .withoutCharacters();
        WerAudit.Result r = WerAudit.run(table, null, "reference", "hypothesis", "speaker", options, new LinkedHashMap<>());
        return AuditJson.toTree(Evidence.attach(r.audit(), r.run(), r.table()));
    }

    public static ObjectNode about() {
        ObjectNode a = AuditJson.mapper().createObjectNode();
        a.put("name", "Test ASR");
        a.put("version", "1.0");
        a.put("provider", "Test Provider");
        a.put("date", "2026-11-29");
        return a;
    }

    public static Card card(Table table, List<String> groups, List<String> claims, int replicates, long seed) {
        return Card.of(CardBuilder.build(audit(table, groups, replicates, seed), about(), claims, "test"), "test", null);
    }

    static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}

package org.fairhunt.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fairhunt.core.engine.SliceKey;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TextColumn;
import org.fairhunt.speech.metric.WerScores;
import org.fairhunt.speech.normalize.Normalizer;
import org.fairhunt.speech.score.Mapsswe;
import org.junit.jupiter.api.Test;

/**
 * A digest of chunks taken in any order and merged equals the digest of the whole table in one chunk (what a
 * Spark job and the local command build), and its parts equal hand counts and the list-based MAPSSWE.
 */
class WerDigestTest {
    private static final String[] WORDS = {"a", "b", "c", "d", "e"};

    @Test
    void digest_of_shuffled_chunks_merged_equals_the_digest_of_the_table() {
        Random rnd = new Random(3);
        int n = 400;
        String[][] cols = new String[6][n];
        for (int i = 0; i < n; i++) {
            cols[0][i] = "u" + i;
            cols[1][i] = rnd.nextInt(10) == 0 ? null : "s" + rnd.nextInt(12);
            cols[2][i] = rnd.nextInt(15) == 0 ? null : List.of("x", "y", "z").get(rnd.nextInt(3));
            cols[3][i] = sentence(rnd);
            cols[4][i] = rnd.nextInt(20) == 0 ? null : sentence(rnd);
            cols[5][i] = sentence(rnd);
        }
        String[] names = {"id", "speaker", "accent", "ref", "hyp", "other"};
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < names.length; c++) {
            columns.add(new TextColumn(names[c], cols[c]));
        }
        Table table = new Table("t", columns);
        WerDigest.Plan plan = new WerDigest.Plan(List.of("accent"), List.of(List.of(), List.of("accent")), "speaker", 3, "id",
                "speaker", "ref", "hyp", "other", true);
        Normalizer norm = Normalizer.scliteDefault();
        long[] all = new long[n];
        java.util.Arrays.setAll(all, i -> i);
        WerDigest whole = new WerDigest(plan).add(table, WerScores.compute(table, "ref", "hyp", norm, 1), all, norm);

        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, rnd);
        WerDigest merged = null;
        for (int from = 0; from < n; from += 137) {
            List<Integer> rows = order.subList(from, Math.min(n, from + 137));
            List<Column> part = new ArrayList<>();
            for (int c = 0; c < names.length; c++) {
                String[] v = new String[rows.size()];
                for (int k = 0; k < v.length; k++) {
                    v[k] = cols[c][rows.get(k)];
                }
                part.add(new TextColumn(names[c], v));
            }
            Table chunk = new Table("t", part);
            long[] ids = rows.stream().mapToLong(Integer::longValue).toArray();
            WerDigest d = new WerDigest(plan).add(chunk, WerScores.compute(chunk, "ref", "hyp", norm, 1), ids, norm);
            merged = merged == null ? d : merged.merge(d);
        }

        assertEquals(counts(whole.totals()), counts(merged.totals()));
        assertEquals(whole.emptyHypotheses(), merged.emptyHypotheses());
        assertEquals(whole.values("accent").keySet().stream().toList(), merged.values("accent").keySet().stream().toList());
        for (Map.Entry<String, WerDigest.Value> e : whole.values("accent").entrySet()) {
            assertEquals(e.getValue().count(), merged.values("accent").get(e.getKey()).count());
            assertEquals(e.getValue().worst(), merged.values("accent").get(e.getKey()).worst());
        }
        SliceKey overall = new SliceKey(List.of(), List.of());
        assertEquals(whole.speakers(overall), merged.speakers(overall));
        for (String v : List.of("x", "y", "z", "(missing)")) {
            SliceKey k = new SliceKey(List.of("accent"), List.of(v));
            assertEquals(whole.speakers(k), merged.speakers(k), v);
        }
        assertEquals(whole.mapsswe(), merged.mapsswe());

        // Against hand counts and the list-based test.
        long missingHyp = java.util.Arrays.stream(cols[4]).filter(java.util.Objects::isNull).count();
        assertEquals(missingHyp, whole.emptyHypotheses());
        java.util.Set<String> speakers = new java.util.HashSet<>();
        for (String s : cols[1]) {
            speakers.add(s == null ? "" : s);
        }
        assertEquals(speakers.size(), whole.speakers(overall));
        List<Mapsswe.Triple> triples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            triples.add(new Mapsswe.Triple(norm.tokens(cols[3][i]), norm.tokens(cols[4][i] == null ? "" : cols[4][i]),
                    norm.tokens(cols[5][i])));
        }
        assertEquals(Mapsswe.test(triples), whole.mapsswe());
        // The first value seen leads; each value's worst list is sorted by errors, then row.
        assertEquals(cols[2][0] == null ? "(missing)" : cols[2][0], whole.values("accent").keySet().iterator().next());
        for (Map.Entry<String, WerDigest.Value> e : whole.values("accent").entrySet()) {
            List<WerDigest.Utterance> w = e.getValue().worst();
            for (int k = 1; k < w.size(); k++) {
                org.junit.jupiter.api.Assertions.assertTrue(WerDigest.WORST_FIRST.compare(w.get(k - 1), w.get(k)) < 0);
            }
        }
    }

    private static List<Long> counts(org.fairhunt.speech.score.WerTotals t) {
        return List.of(t.sentences(), t.sentenceErrors(), t.correct(), t.substitutions(), t.deletions(), t.insertions(),
                t.referenceChars(), t.charErrors());
    }

    private static String sentence(Random rnd) {
        StringBuilder sb = new StringBuilder();
        for (int k = rnd.nextInt(8); k > 0; k--) {
            sb.append(sb.length() == 0 ? "" : " ").append(WORDS[rnd.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }
}

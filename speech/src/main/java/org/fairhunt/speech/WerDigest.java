package org.fairhunt.speech;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.engine.SliceKey;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.Table;
import org.fairhunt.speech.align.Aligner;
import org.fairhunt.speech.metric.WerScores;
import org.fairhunt.speech.normalize.Normalizer;
import org.fairhunt.speech.score.Mapsswe;
import org.fairhunt.speech.score.WerTotals;

/**
 * What a WER audit's reports read of the utterances beyond the engine's sums, as a mergeable state: the
 * totals and empty sides; per value of each group attribute its utterance count, first row and
 * {@link Plan#worst} worst utterances (with their text, re-aligned only for the listing); the speakers of
 * every slice (for {@code --min-speakers}); and MAPSSWE's segments against a second system's column.
 *
 * <p>Rows are added in chunks with their row numbers in the whole data, in any order, and digests merge
 * associatively and exactly (integer sums, set unions, top-k by (errors, row)): the local command (one
 * chunk: the table) and a Spark job (one chunk per executor task, merged) build equal digests, hence
 * byte-identical reports. Its size grows with group values, slices × speakers and {@code worst}, never with
 * utterances (MAPSSWE keeps a histogram of segment differences).
 */
public final class WerDigest implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * What to keep.
     *
     * @param groups        every group attribute the user named (single-valued ones too: alignments.txt lists them)
     * @param speakerSlices attribute sets (each in the order of {@code groups}) whose slices' speakers are counted;
     *                      empty when speakers are not counted
     * @param cluster       the speaker (cluster) column, or null
     * @param worst         worst utterances kept per group value
     * @param characters    whether character counts are part of the totals
     */
    public record Plan(List<String> groups, List<List<String>> speakerSlices, String cluster, int worst, String idColumn,
                       String speakerColumn, String referenceColumn, String hypothesisColumn, String compareColumn,
                       boolean characters) implements Serializable {
        public Plan {
            groups = List.copyOf(groups);
            speakerSlices = speakerSlices.stream().map(List::copyOf).toList();
        }
    }

    /** One utterance kept for a worst-utterance list: its row in the whole data, errors and texts (missing as null). */
    public record Utterance(long row, int errors, String id, String speaker, String reference, String hypothesis)
            implements Serializable {
    }

    /** Errors descending, then row ascending: the order of the worst-utterance lists. */
    static final Comparator<Utterance> WORST_FIRST = Comparator.comparingInt(Utterance::errors).reversed()
            .thenComparingLong(Utterance::row);

    /** One value of a group attribute: where it first appears, how many utterances hold it, its worst ones. */
    public static final class Value implements Serializable {
        private static final long serialVersionUID = 1L;
        long first = Long.MAX_VALUE;
        long count;
        List<Utterance> worst = new ArrayList<>();

        public long count() {
            return count;
        }

        public List<Utterance> worst() {
            return List.copyOf(worst);
        }
    }

    private final Plan plan;
    private final WerTotals totals = new WerTotals();
    private long emptyReferences;
    private long emptyHypotheses;
    private final Map<String, Map<String, Value>> values = new HashMap<>();
    private final Map<List<String>, Map<List<String>, HashSet<String>>> speakers = new HashMap<>();
    private final Mapsswe.Segments mapsswe;

    public WerDigest(Plan plan) {
        this.plan = plan;
        this.mapsswe = plan.compareColumn() == null ? null : new Mapsswe.Segments();
    }

    public Plan plan() {
        return plan;
    }

    /**
     * Adds {@code table}'s rows, whose row numbers in the whole data are {@code rows} and whose edit counts are
     * {@code scores}; {@code normalizer} normalizes the texts MAPSSWE aligns.
     */
    public WerDigest add(Table table, WerScores scores, long[] rows, Normalizer normalizer) {
        RowAdder adder = new RowAdder(table, scores, normalizer);
        // One call per row: a method called this often is compiled at once, where a loop body run from a single call
        // waits interpreted for an on-stack replacement.
        for (int i = 0; i < table.rowCount(); i++) {
            adder.add(i, rows[i]);
        }
        return this;
    }

    /** Adds the rows of one chunk (its columns looked up once). */
    private final class RowAdder {
        private final WerScores scores;
        private final Normalizer normalizer;
        private final Column ref;
        private final Column hyp;
        private final Column ids;
        private final Column spk;
        private final Column cluster;
        private final Column other;
        private final Column[] groups;
        private final List<Column[]> sliceColumns = new ArrayList<>();
        private final List<Map<String, Value>> byGroup = new ArrayList<>();
        private final Value[][] byCode;
        private final int keep = plan.worst();
        private final Aligner aligner = new Aligner();

        RowAdder(Table table, WerScores scores, Normalizer normalizer) {
            this.scores = scores;
            this.normalizer = normalizer;
            ref = table.column(plan.referenceColumn());
            hyp = table.column(plan.hypothesisColumn());
            ids = plan.idColumn() != null && table.hasColumn(plan.idColumn()) ? table.column(plan.idColumn()) : null;
            spk = plan.speakerColumn() != null && table.hasColumn(plan.speakerColumn()) ? table.column(plan.speakerColumn()) : null;
            cluster = plan.cluster() == null ? null : table.column(plan.cluster());
            other = plan.compareColumn() == null ? null : table.column(plan.compareColumn());
            groups = plan.groups().stream().map(table::column).toArray(Column[]::new);
            for (List<String> attrs : plan.speakerSlices()) {
                sliceColumns.add(attrs.stream().map(table::column).toArray(Column[]::new));
                speakers.computeIfAbsent(attrs, a -> new HashMap<>());
            }
            // Each group's values by column code (a categorical column's label is looked up once per code, not per row);
            // codes whose labels are equal share one Value, as the labels key them.
            byCode = new Value[groups.length][];
            for (int g = 0; g < groups.length; g++) {
                byGroup.add(values.computeIfAbsent(plan.groups().get(g), k -> new HashMap<>()));
                if (groups[g] instanceof CategoricalColumn c) {
                    byCode[g] = new Value[c.levelCount() + 1];
                }
            }
        }

        void add(int i, long row) {
            scores.addTo(totals, i);
            // texts are made only for a kept utterance (a trn's plain texts are bytes until asked for)
            emptyReferences += ref.isMissing(i) ? 1 : 0;
            emptyHypotheses += hyp.isMissing(i) ? 1 : 0;
            int errors = scores.wordErrors(i);
            Utterance u = null;
            for (int g = 0; g < groups.length; g++) {
                Value v;
                if (byCode[g] != null) {
                    CategoricalColumn c = (CategoricalColumn) groups[g];
                    int code = c.code(i);
                    int slot = code == CategoricalColumn.MISSING ? byCode[g].length - 1 : code;
                    v = byCode[g][slot];
                    if (v == null) {
                        v = byGroup.get(g).computeIfAbsent(label(c.level(code)), k -> new Value());
                        byCode[g][slot] = v;
                    }
                } else {
                    v = byGroup.get(g).computeIfAbsent(label(groups[g].text(i)), k -> new Value());
                }
                v.first = Math.min(v.first, row);
                v.count++;
                if (keep > 0 && (v.worst.size() < keep || before(errors, row, v.worst.get(v.worst.size() - 1)))) {
                    if (u == null) {
                        u = new Utterance(row, errors, ids == null ? null : ids.text(i), spk == null ? null : spk.text(i), ref.text(i),
                                hyp.text(i));
                    }
                    insert(v.worst, u, keep);
                }
            }
            if (cluster != null) {
                String speaker = cluster.text(i);
                for (int s = 0; s < sliceColumns.size(); s++) {
                    Column[] cols = sliceColumns.get(s);
                    List<String> key = new ArrayList<>(cols.length);
                    for (Column c : cols) {
                        key.add(label(c.text(i)));
                    }
                    speakers.get(plan.speakerSlices().get(s)).computeIfAbsent(key, k -> new HashSet<>())
                            .add(speaker == null ? "" : speaker);
                }
            }
            if (mapsswe != null) {
                String b = other.text(i);
                String r = ref.text(i);
                String h = hyp.text(i);
                mapsswe.add(new Mapsswe.Triple(normalizer.tokens(r == null ? "" : r), normalizer.tokens(h == null ? "" : h),
                        normalizer.tokens(b == null ? "" : b)), aligner);
            }
        }
    }

    /** Adds {@code other}'s rows to these (the rows of the two must be disjoint). */
    public WerDigest merge(WerDigest other) {
        totals.merge(other.totals);
        emptyReferences += other.emptyReferences;
        emptyHypotheses += other.emptyHypotheses;
        other.values.forEach((g, byValue) -> byValue.forEach((value, v) -> {
            Value mine = values.computeIfAbsent(g, k -> new HashMap<>()).computeIfAbsent(value, k -> new Value());
            mine.first = Math.min(mine.first, v.first);
            mine.count += v.count;
            for (Utterance u : v.worst) {
                insert(mine.worst, u, plan.worst());
            }
        }));
        other.speakers.forEach((attrs, byValues) -> {
            Map<List<String>, HashSet<String>> mine = speakers.computeIfAbsent(attrs, a -> new HashMap<>());
            byValues.forEach((vals, set) -> mine.computeIfAbsent(vals, k -> new HashSet<>()).addAll(set));
        });
        if (mapsswe != null) {
            mapsswe.merge(other.mapsswe);
        }
        return this;
    }

    /** Unweighted totals over every utterance (sclite's Sum). */
    public WerTotals totals() {
        return new WerTotals().merge(totals);
    }

    public long emptyReferences() {
        return emptyReferences;
    }

    public long emptyHypotheses() {
        return emptyHypotheses;
    }

    /** How many values {@code group} takes (missing counting as one). */
    public int valueCount(String group) {
        return values.getOrDefault(group, Map.of()).size();
    }

    /** The values of {@code group} in order of first appearance (missing as its label). */
    public Map<String, Value> values(String group) {
        Map<String, Value> out = new LinkedHashMap<>();
        values.getOrDefault(group, Map.of()).entrySet().stream()
                .sorted(Comparator.comparingLong(e -> e.getValue().first))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Distinct speakers of {@code slice} (a missing speaker counts as one, empty, value); 0 when it has no rows. */
    public int speakers(SliceKey slice) {
        Map<String, String> at = slice.asMap();
        List<String> attrs = plan.groups().stream().filter(at::containsKey).toList();
        Map<List<String>, HashSet<String>> byValues = speakers.get(attrs);
        if (byValues == null || attrs.size() != at.size()) {
            throw new IllegalArgumentException("speakers of " + at.keySet() + " were not counted");
        }
        HashSet<String> set = byValues.get(attrs.stream().map(at::get).toList());
        return set == null ? 0 : set.size();
    }

    /** MAPSSWE of the hypothesis (A) against the compare column (B), or null when there is none. */
    public Mapsswe.Result mapsswe() {
        return mapsswe == null ? null : mapsswe.result();
    }

    private static String label(String v) {
        return v == null ? CategoricalColumn.MISSING_LABEL : v;
    }

    /** {@code WORST_FIRST.compare(a, b) < 0}, without the comparator's calls (it runs for many rows of each value). */
    private static boolean before(int errorsA, long rowA, Utterance b) {
        return errorsA > b.errors() || errorsA == b.errors() && rowA < b.row();
    }

    private static void insert(List<Utterance> worst, Utterance u, int k) {
        int at = 0;
        while (at < worst.size() && before(worst.get(at).errors(), worst.get(at).row(), u)) {
            at++;
        }
        if (at < k) {
            worst.add(at, u);
            if (worst.size() > k) {
                worst.remove(worst.size() - 1);
            }
        }
    }
}

package org.fairhunt.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fairhunt.core.FairhuntException;
import org.fairhunt.core.metric.ConfusionStatistic;
import org.fairhunt.core.metric.RegressionStatistic;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.testing.Tables;
import org.junit.jupiter.api.Test;

class AuditStateTest {
    private static final AuditSpec SPEC = AuditSpec.builder().groups(List.of("a", "b", "c")).intersections(3)
            .statistic(new ConfusionStatistic("y", null, "p")).bootstrap(25, 99).cluster("cluster").threads(2).build();

    /** Splits the rows of {@code t} at random (seeded) into {@code parts} tables. */
    private static List<Table> split(Table t, int parts, long seed) {
        Random rnd = new Random(seed);
        List<List<Integer>> rows = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            rows.add(new ArrayList<>());
        }
        for (int i = 0; i < t.rowCount(); i++) {
            rows.get(rnd.nextInt(parts)).add(i);
        }
        return rows.stream().map(r -> t.rows(r.stream().mapToInt(Integer::intValue).toArray())).toList();
    }

    private static void assertSameSums(AuditState expected, AuditState actual) {
        assertEquals(expected.rows(), actual.rows());
        Map<List<String>, double[]> e = expected.sumsByAtom(0);
        Map<List<String>, double[]> a = actual.sumsByAtom(0);
        assertEquals(e.keySet(), a.keySet());
        for (List<String> key : e.keySet()) {
            assertArrayEquals(e.get(key), a.get(key), key.toString());
        }
    }

    @Test
    void merge_is_associative_and_equals_the_state_of_all_rows() {
        Table t = Tables.random(17, 30_000, 400);
        List<Table> parts = split(t, 3, 5);
        LocalEngine engine = new LocalEngine();
        AuditState a = engine.state(parts.get(0), SPEC);
        AuditState b = engine.state(parts.get(1), SPEC);
        AuditState c = engine.state(parts.get(2), SPEC);
        AuditState left = a.merge(b).merge(c);
        AuditState right = a.merge(b.merge(c));
        AuditState swapped = c.merge(a).merge(b);
        AuditState whole = engine.state(t, SPEC);
        assertSameSums(whole, left);
        assertSameSums(whole, right);
        assertSameSums(whole, swapped);
    }

    @Test
    void merged_state_gives_the_same_metrics_as_the_whole_table() {
        Table t = Tables.random(23, 10_000, 300);
        List<Table> parts = split(t, 2, 8);
        LocalEngine engine = new LocalEngine();
        AuditState merged = engine.state(parts.get(0), SPEC).merge(engine.state(parts.get(1), SPEC));
        AuditRun fromState = merged.toRun("parts", SPEC, SPEC.statistics(), List.of("note"), List.of());
        AuditRun whole = engine.run(t, SPEC);
        assertEquals(whole.slices().size(), fromState.slices().size());
        for (int s = 0; s < whole.slices().size(); s++) {
            int other = fromState.sliceIndex(whole.slices().get(s));
            for (int r = 0; r < whole.estimates(); r++) {
                assertArrayEquals(whole.grids().get(0).sums(s, r), fromState.grids().get(0).sums(other, r));
            }
        }
    }

    @Test
    void bytes_round_trip_keeps_every_sum() {
        Table t = Tables.random(3, 5000, 100);
        AuditSpec spec = AuditSpec.builder().groups(List.of("a", "c")).intersections(2)
                .statistic(new ConfusionStatistic("y", null, "p")).statistic(new RegressionStatistic("y", "s"))
                .bootstrap(10, 4).build();
        AuditState state = new LocalEngine().state(t, spec);
        AuditState back = AuditState.fromBytes(state.toBytes());
        assertSameSums(state, back);
        assertArrayEquals(state.toBytes(), back.toBytes());
    }

    @Test
    void a_newer_format_version_is_refused_naming_both_versions() {
        Table t = Tables.random(3, 500, 10);
        byte[] bytes = new LocalEngine().state(t, SPEC).toBytes();
        ByteBuffer.wrap(bytes).putInt(4, 2);
        FairhuntException e = assertThrows(FairhuntException.class, () -> AuditState.fromBytes(bytes));
        assertEquals("audit state format version 2 cannot be read; this Fairhunt reads version 1", e.getMessage());
        byte[] junk = {1, 2, 3, 4, 0, 0, 0, 1};
        assertEquals("not a Fairhunt audit state: magic number 0x01020304, expected 0x46485354",
                assertThrows(FairhuntException.class, () -> AuditState.fromBytes(junk)).getMessage());
    }

    @Test
    void states_of_different_audits_do_not_merge() {
        Table t = Tables.random(3, 500, 10);
        AuditState x = new LocalEngine().state(t, SPEC);
        AuditState y = new LocalEngine().state(t, AuditSpec.builder().groups(List.of("a", "b", "c"))
                .statistic(new ConfusionStatistic("y", null, "p")).bootstrap(25, 100).cluster("cluster").build());
        assertEquals("cannot merge audit states with different bootstrap seed: 99 vs 100",
                assertThrows(FairhuntException.class, () -> x.merge(y)).getMessage());
    }
}

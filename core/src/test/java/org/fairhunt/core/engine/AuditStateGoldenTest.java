package org.fairhunt.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.fairhunt.core.metric.ConfusionStatistic;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.testing.Golden;
import org.fairhunt.core.testing.MustRun;
import org.fairhunt.core.testing.Tables;
import org.junit.jupiter.api.Test;

/**
 * The serialized audit state is a published format (a Spark executor or a database holds it), kept as
 * DataSketches keeps its sketches: a version-1 golden file that this code must keep reading to the same
 * numbers, and that it must keep writing byte for byte while the format version is 1.
 */
@MustRun
class AuditStateGoldenTest {
    private static final AuditSpec SPEC = AuditSpec.builder().groups(List.of("g")).intersections(1)
            .statistic(new ConfusionStatistic("y", null, "p")).bootstrap(2, 7).threads(1).build();

    /** Five rows: g=a (y,p) = (1,1), (0,1), (1,0); g=b (0,0), (1,1). */
    static Table table() {
        return Tables.of("five.csv", List.of("g", "y", "p"), new String[] {"a", "1", "1"}, new String[] {"a", "0", "1"},
                new String[] {"a", "1", "0"}, new String[] {"b", "0", "0"}, new String[] {"b", "1", "1"});
    }

    @Test
    void version_1_golden_file_is_still_written_byte_for_byte() {
        Golden.assertBytes("audit-state-v1.bin", new LocalEngine().state(table(), SPEC).toBytes());
    }

    @Test
    void version_1_golden_file_reads_to_the_hand_counted_state() {
        AuditState s = AuditState.fromBytes(Golden.bytes("audit-state-v1.bin"));
        assertEquals(List.of("g"), s.attributes());
        assertEquals(5, s.rows());
        assertEquals(2, s.replicates());
        assertEquals(3, s.estimates());
        // Point estimate (replicate 0) per atom, confusion slots by name: a has TP 1, FP 1, FN 1; b has TN 1, TP 1.
        Map<List<String>, double[]> byAtom = s.sumsByAtom(0);
        List<String> slots = new ConfusionStatistic("y", null, "p").slotNames();
        double[] a = byAtom.get(List.of("a"));
        double[] b = byAtom.get(List.of("b"));
        assertEquals(1, a[slots.indexOf("tp")]);
        assertEquals(1, a[slots.indexOf("fp")]);
        assertEquals(1, a[slots.indexOf("fn")]);
        assertEquals(0, a[slots.indexOf("tn")]);
        assertEquals(1, b[slots.indexOf("tn")]);
        assertEquals(1, b[slots.indexOf("tp")]);
        // Reading and writing again gives the same bytes.
        assertArrayEquals(Golden.bytes("audit-state-v1.bin"), s.toBytes());
    }
}

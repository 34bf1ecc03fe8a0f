package org.fairhunt.core.testing;

import java.util.List;
import java.util.Random;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TableBuilder;

/** Small tables for tests, shared with other modules through the core test-jar. */
public final class Tables {
    private Tables() {
    }

    /** A table from a header and rows of text fields (empty string = missing). */
    public static Table of(String source, List<String> header, String[]... rows) {
        TableBuilder b = new TableBuilder(source, header);
        for (String[] r : rows) {
            b.addRow(r);
        }
        return b.build();
    }

    /**
     * Random classification data: label y (0/1), prediction p (0/1, right 80% of the time), score s,
     * groups a (2 values), b (4 values), c (5 values), and a cluster id among {@code clusters}.
     */
    public static Table random(long seed, int rows, int clusters) {
        Random rnd = new Random(seed);
        TableBuilder b = new TableBuilder("random-" + seed, List.of("y", "p", "s", "a", "b", "c", "cluster"));
        for (int i = 0; i < rows; i++) {
            int a = rnd.nextInt(2);
            int bb = rnd.nextInt(4);
            int c = rnd.nextInt(5);
            double base = 0.2 + 0.1 * a + 0.05 * bb;
            int y = rnd.nextDouble() < base ? 1 : 0;
            double s = Math.min(1, Math.max(0, 0.5 * y + 0.5 * rnd.nextDouble() - 0.1 * c / 4.0));
            int p = rnd.nextDouble() < 0.8 ? y : 1 - y;
            b.addRow(new String[] {Integer.toString(y), Integer.toString(p), String.format("%.3f", s), "a" + a, "b" + bb,
                "c" + c, "k" + rnd.nextInt(clusters)});
        }
        return b.build();
    }
}

package org.fairhunt.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final long[] now = {0};
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ProgressBar bar = new ProgressBar("f.csv", new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0]);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void renders_fraction_sizes_rows_and_rate() {
        // 50 of 200 MB is 25%: 5 of 20 marks; 50 MB in 2 s is 25 MB/s.
        assertEquals("f.csv [#####...............]  25%  50.0/200.0 MB  1,234,567 rows  25.0 MB/s",
                bar.render(50_000_000, 200_000_000, 1_234_567, 2_000_000_000L));
        assertEquals("f.csv [....................]  0.5 MB  10 rows", bar.render(500_000, -1, 10, 0));
    }

    @Test
    void redraws_at_most_five_times_a_second_and_ends_the_line_when_done() {
        bar.update(1, 100, 1);
        now[0] = 100_000_000L;
        bar.update(2, 100, 2);
        now[0] = 199_999_999L;
        bar.update(3, 100, 3);
        now[0] = 200_000_000L;
        bar.update(4, 100, 4);
        assertEquals(2, output().chars().filter(c -> c == '\r').count());
        now[0] = 1_000_000_000L;
        bar.done(100, 100, 9);
        String out = output();
        assertEquals(3, out.chars().filter(c -> c == '\r').count());
        assertEquals("\rf.csv [####################] 100%  0.0/0.0 MB  9 rows  0.0 MB/s\n",
                out.substring(out.lastIndexOf('\r')));
    }

    @Test
    void no_bar_without_a_terminal() {
        assumeTrue(System.console() == null, "running on a terminal");
        assertSame(ProgressListener.NONE, ProgressBar.forFile("big.csv", 1L << 40));
    }

    @Test
    void no_bar_for_small_files() {
        assertSame(ProgressListener.NONE, ProgressBar.forFile("small.csv", ProgressBar.DEFAULT_THRESHOLD_BYTES));
    }
}

package org.fairhunt.core.io;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for long reads, redrawn in place with a carriage return at most five times
 * a second: {@code hmda.csv [#######.............]  35%  140.0/400.0 MB  3,512,000 rows  92.1 MB/s}.
 * {@link #forFile} gives a bar only when it would help and not hurt: the file is large and stderr is
 * a terminal, so logs and pipes never receive control characters.
 */
public final class ProgressBar implements ProgressListener {
    /** Files smaller than this load fast enough that a bar would only flicker. */
    public static final long DEFAULT_THRESHOLD_BYTES = 50L * 1024 * 1024;
    static final long MIN_REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 20;

    private final String label;
    private final PrintStream out;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long lastDrawNanos;
    private boolean drawn;
    private int lastLength;

    /**
     * @param label     what is being read, shown first (usually the file name)
     * @param out       where to draw
     * @param nanoClock monotonic nanoseconds ({@code System::nanoTime}; tests pass a fake)
     */
    public ProgressBar(String label, PrintStream out, LongSupplier nanoClock) {
        this.label = label;
        this.out = out;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    /**
     * A bar on stderr when {@code totalBytes} exceeds {@link #DEFAULT_THRESHOLD_BYTES} and the JVM has a
     * console (both standard streams on a terminal); otherwise {@link ProgressListener#NONE}.
     */
    public static ProgressListener forFile(String label, long totalBytes) {
        if (totalBytes > DEFAULT_THRESHOLD_BYTES && System.console() != null) {
            return new ProgressBar(label, System.err, System::nanoTime);
        }
        return ProgressListener.NONE;
    }

    /**
     * A bar on stderr for a count of work items (files to decode, say) when the JVM has a console;
     * otherwise null, so logs and pipes never receive control characters.
     */
    public static ProgressBar forItems(String label) {
        return System.console() != null ? new ProgressBar(label, System.err, System::nanoTime) : null;
    }

    /**
     * Redraws (throttled like {@link #update}) a bar of {@code done} of {@code total} items followed by
     * {@code detail}: {@code transcribe [#####...............]  25%  30/120 files, 1 failed, ~90 s left}.
     */
    public void updateItems(long done, long total, String detail) {
        long now = nanoClock.getAsLong();
        if (drawn && now - lastDrawNanos < MIN_REDRAW_NANOS && done < total) {
            return;
        }
        draw(renderItems(done, total, detail, now - startNanos));
        lastDrawNanos = now;
        drawn = true;
    }

    /** Ends an item bar's line. */
    public void finishItems() {
        if (drawn) {
            out.print('\n');
            out.flush();
        }
    }

    String renderItems(long done, long total, String detail, long elapsedNanos) {
        double fraction = total > 0 ? Math.min(1.0, (double) done / total) : 1;
        StringBuilder sb = bar(fraction);
        sb.append(String.format(Locale.ROOT, "] %3d%%  %,d/%,d %s", (int) Math.floor(fraction * 100), done, total, detail));
        if (done > 0 && done < total) {
            sb.append(String.format(Locale.ROOT, ", ~%.0f s left", elapsedNanos / 1e9 / done * (total - done)));
        }
        return sb.toString();
    }

    @Override
    public void update(long bytesRead, long totalBytes, long rows) {
        long now = nanoClock.getAsLong();
        if (drawn && now - lastDrawNanos < MIN_REDRAW_NANOS) {
            return;
        }
        draw(render(bytesRead, totalBytes, rows, now - startNanos));
        lastDrawNanos = now;
        drawn = true;
    }

    @Override
    public void done(long bytesRead, long totalBytes, long rows) {
        draw(render(bytesRead, totalBytes, rows, nanoClock.getAsLong() - startNanos));
        out.print('\n');
        out.flush();
    }

    private void draw(String line) {
        StringBuilder sb = new StringBuilder(line.length() + 8).append('\r').append(line);
        // Blank out the rest of a longer earlier line.
        for (int i = line.length(); i < lastLength; i++) {
            sb.append(' ');
        }
        lastLength = line.length();
        out.print(sb);
        out.flush();
    }

    /** {@code label [#####...............} for a fraction done (the closing bracket is the caller's). */
    private StringBuilder bar(double fraction) {
        StringBuilder sb = new StringBuilder(label).append(" [");
        int filled = (int) Math.floor(fraction * WIDTH);
        for (int i = 0; i < WIDTH; i++) {
            sb.append(i < filled ? '#' : '.');
        }
        return sb;
    }

    /** The bar's text for the given state; {@code elapsedNanos} gives the rate. */
    String render(long bytesRead, long totalBytes, long rows, long elapsedNanos) {
        double fraction = totalBytes > 0 ? Math.min(1.0, (double) bytesRead / totalBytes) : 0;
        StringBuilder sb = bar(fraction);
        sb.append(']');
        double mb = bytesRead / 1e6;
        if (totalBytes > 0) {
            sb.append(String.format(Locale.ROOT, " %3d%%  %.1f/%.1f MB", (int) Math.floor(fraction * 100), mb, totalBytes / 1e6));
        } else {
            sb.append(String.format(Locale.ROOT, "  %.1f MB", mb));
        }
        sb.append(String.format(Locale.ROOT, "  %,d rows", rows));
        if (elapsedNanos > 0) {
            sb.append(String.format(Locale.ROOT, "  %.1f MB/s", mb / (elapsedNanos / 1e9)));
        }
        return sb.toString();
    }
}

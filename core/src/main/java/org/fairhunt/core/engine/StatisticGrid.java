package org.fairhunt.core.engine;

import org.fairhunt.core.metric.MetricDefinition;
import org.fairhunt.core.metric.MetricValue;
import org.fairhunt.core.metric.Statistic;

/**
 * The sums of one {@link Statistic} for every slice and replicate: replicate 0 is the data as given,
 * replicates 1…B the bootstrap. Layout {@code [slice][replicate][slot]}, flat.
 */
public final class StatisticGrid {
    private final Statistic statistic;
    private final String exclusionNote;
    private final int slices;
    private final int replicates;
    private final int width;
    private final double[] sums;

    StatisticGrid(Statistic statistic, String exclusionNote, int slices, int replicates, double[] sums) {
        this.statistic = statistic;
        this.exclusionNote = exclusionNote;
        this.slices = slices;
        this.replicates = replicates;
        this.width = statistic.width();
        if (sums.length != (long) slices * replicates * width) {
            throw new IllegalArgumentException("grid of " + sums.length + " sums, expected " + slices + "×" + replicates + "×" + width);
        }
        this.sums = sums;
    }

    public Statistic statistic() {
        return statistic;
    }

    /** Which rows the statistic leaves out, or {@code null}. */
    public String exclusionNote() {
        return exclusionNote;
    }

    /** Replicates including replicate 0 (the point estimate). */
    public int replicates() {
        return replicates;
    }

    public int width() {
        return width;
    }

    /** Offset of the sums of {@code slice} in {@code replicate} within {@link #sumsUnsafe()}. */
    public int offset(int slice, int replicate) {
        return (slice * replicates + replicate) * width;
    }

    /** One slot's sum. */
    public double sum(int slice, int replicate, int slot) {
        return sums[offset(slice, replicate) + slot];
    }

    /** The sums array itself (do not modify). */
    public double[] sumsUnsafe() {
        return sums;
    }

    /** A copy of the sums of one slice and replicate. */
    public double[] sums(int slice, int replicate) {
        int o = offset(slice, replicate);
        return java.util.Arrays.copyOfRange(sums, o, o + width);
    }

    public MetricValue evaluate(MetricDefinition metric, int slice, int replicate) {
        return metric.evaluate(sums, offset(slice, replicate));
    }
}

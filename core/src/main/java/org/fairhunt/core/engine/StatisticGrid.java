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
    private final int estimates;
    private final int width;
    private final double[] sums;

    /** @param estimates B + 1: the point estimate and the B bootstrap replicates */
    StatisticGrid(Statistic statistic, String exclusionNote, int slices, int estimates, double[] sums) {
        this.statistic = statistic;
        this.exclusionNote = exclusionNote;
        this.slices = slices;
        this.estimates = estimates;
        this.width = statistic.width();
        if (sums.length != (long) slices * estimates * width) {
            throw new IllegalArgumentException("grid of " + sums.length + " sums, expected " + slices + "×" + estimates + "×" + width);
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

    /** B, the bootstrap replicates (the point estimate not counted). */
    public int replicates() {
        return estimates - 1;
    }

    /** B + 1: the point estimate (index 0) and the replicates (1…B). */
    public int estimates() {
        return estimates;
    }

    public int width() {
        return width;
    }

    /** Offset of the sums of {@code slice} in {@code replicate} within {@link #sumsUnsafe()}. */
    public int offset(int slice, int replicate) {
        return (slice * estimates + replicate) * width;
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

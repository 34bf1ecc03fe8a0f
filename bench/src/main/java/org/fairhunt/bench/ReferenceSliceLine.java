package org.fairhunt.bench;

import java.util.List;
import org.fairhunt.discovery.slice.ScoredSlice;
import org.fairhunt.discovery.slice.SliceFeatures;

/**
 * Another SliceLine implementation to time and compare against on the same data. The Apache SystemDS
 * one lives in {@code org.fairhunt.bench.systemds} and is compiled only with {@code -Psystemds}, so it
 * is looked up by name at run time.
 */
public interface ReferenceSliceLine {
    /** Runs {@code runs} times, prints times and the slices it shares with {@code ours}. */
    void compare(SliceFeatures x, double[] errors, int runs, int depth, int minSupport, int k, double alpha, List<ScoredSlice> ours)
            throws Exception;
}

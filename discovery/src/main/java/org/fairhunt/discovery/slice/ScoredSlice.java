package org.fairhunt.discovery.slice;

/** A slice with its statistics and SliceLine score. */
public record ScoredSlice(Slice slice, SliceStats stats, double score) {
}

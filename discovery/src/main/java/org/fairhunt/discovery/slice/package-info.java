/**
 * Slice finding: per-row errors ({@link org.fairhunt.discovery.slice.RowErrors}), features encoded
 * as small dense codes ({@link org.fairhunt.discovery.slice.SliceFeatures}), the exact level-wise
 * SliceLine search with support and score-bound pruning
 * ({@link org.fairhunt.discovery.slice.SliceSearch}) on mergeable sufficient statistics
 * ({@link org.fairhunt.discovery.slice.SliceStats}), and the finder that adds intervals, tests against
 * the rest of the data, Benjamini–Hochberg q-values over every evaluated slice and the collapsing of
 * redundant children ({@link org.fairhunt.discovery.slice.SliceFinder}).
 */
package org.fairhunt.discovery.slice;

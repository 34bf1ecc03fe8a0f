/**
 * The one-pass audit engine. {@link org.fairhunt.core.engine.LocalEngine} reads a
 * {@link org.fairhunt.core.table.Table} once and fills, for every slice (each group attribute alone
 * and every intersection up to the requested depth) and every bootstrap replicate, the sums of each
 * {@link org.fairhunt.core.metric.Statistic}. Rows are first mapped to <em>atoms</em>, the distinct
 * combinations of all group attributes present in the data; sums are kept per atom and added up into
 * slices at the end, so the per-row work does not grow with the number of slices. Bootstrap weights
 * come from {@link org.fairhunt.core.engine.PoissonWeights}, a pure function of (cluster key,
 * replicate, seed), so results do not depend on thread count, block order or engine.
 */
package org.fairhunt.core.engine;

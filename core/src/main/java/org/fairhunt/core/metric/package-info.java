/**
 * Metrics as functions of small, mergeable sufficient statistics.
 *
 * <p>A {@link org.fairhunt.core.metric.Statistic} is a family of sums with a fixed number of slots
 * (a confusion matrix has four cells; a regression error has n, Σe, Σ|e|, Σe²). Bound to a table it
 * becomes a {@link org.fairhunt.core.metric.RowStatistic} that says what each row adds to which slots.
 * The engine sums those contributions, weighted, per slice and per bootstrap replicate; a
 * {@link org.fairhunt.core.metric.MetricDefinition} then turns the sums of one slice and replicate
 * into a value, or into "undefined" with a reason. Because sums merge by addition, the same
 * statistics serve the multi-threaded local engine and a distributed one, and other modules (speech's
 * word error rate) plug in by implementing these two interfaces.
 *
 * <p>Rank metrics (AUC) are not sums; the engine computes AUC in its own pass over score-ordered rows
 * ({@code org.fairhunt.core.engine.AucPass}).
 */
package org.fairhunt.core.metric;

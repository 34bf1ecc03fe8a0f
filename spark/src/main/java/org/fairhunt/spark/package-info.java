/**
 * The Spark engine. Each partition's rows become a small core {@code Table} (with the whole data's
 * category levels, discovered in a first pass) whose statistic state the local engine fills; the states
 * merge on the driver into the same {@code AuditRun} the local engine produces, and from there the same
 * result, JSON, Markdown and HTML. {@link org.fairhunt.spark.SparkAuditor} is the notebook entry point,
 * {@link org.fairhunt.spark.Main} the {@code spark-submit} one. {@link org.fairhunt.spark.SparkSlices} runs
 * discovery's slice search with its passes over rows (per level, the counts of every cell of the candidate
 * feature combinations) as {@code mapPartitions} + {@code treeReduce} jobs.
 */
package org.fairhunt.spark;

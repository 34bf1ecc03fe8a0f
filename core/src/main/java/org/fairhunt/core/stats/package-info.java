/**
 * Statistics shared by every module: closed-form intervals for proportions (Wilson, Clopper–Pearson) and
 * for comparisons of two proportions (Newcombe, Katz, the pooled z-test, Pearson's homogeneity test),
 * bootstrap percentile intervals and the p-values read off the same replicates, multiple-testing control
 * (Benjamini–Hochberg) and the normal distribution's quantiles.
 */
package org.fairhunt.core.stats;

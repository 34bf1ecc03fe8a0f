/**
 * Statistics shared by every module: closed-form intervals for proportions (Wilson, Clopper–Pearson) and
 * for comparisons of two proportions (Newcombe and its generalisation MOVER, Katz, the pooled z-test),
 * the cluster-robust Wilson interval (design effect, t on G − 1 df), bootstrap percentile intervals and
 * variances, critical values, Šidák's simultaneous adjustment and p-values that invert an interval, multiple-testing control
 * (Benjamini–Hochberg) and the normal distribution's quantiles.
 */
package org.fairhunt.core.stats;

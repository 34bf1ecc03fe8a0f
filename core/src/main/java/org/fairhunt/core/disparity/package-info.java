/**
 * Comparisons between slices: for every metric and every attribute set (each group attribute alone and
 * each intersection the audit computed), the difference and ratio of each slice to a reference slice
 * ({@link org.fairhunt.core.disparity.ReferenceChoice}), and the largest gap among the set's slices.
 * {@link org.fairhunt.core.disparity.Disparities} gives each an interval and a p-value for "no
 * difference" from the same bootstrap replicates as the slice intervals (closed forms for proportions
 * when the audit was not bootstrapped), and Benjamini–Hochberg q-values across all comparisons.
 */
package org.fairhunt.core.disparity;

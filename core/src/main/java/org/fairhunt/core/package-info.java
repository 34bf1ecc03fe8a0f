/**
 * Fairhunt's core: the exception hierarchy shared by every module. Sub-packages hold the columnar
 * {@code table} and its readers ({@code io}), the metrics and their mergeable accumulators
 * ({@code metric}), the one-pass audit {@code engine}, the immutable audit {@code result} and the
 * statistics ({@code stats}).
 */
package org.fairhunt.core;

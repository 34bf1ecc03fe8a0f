/**
 * Coverage of t-way combinations of conditions: counts in every combination of values (empty ones
 * included), the share of combinations with enough rows, thin cells ranked by their expected share,
 * distance from target population shares, and how many more rows each thin cell needs to detect a
 * given gap in the metric.
 */
package org.fairhunt.discovery.coverage;

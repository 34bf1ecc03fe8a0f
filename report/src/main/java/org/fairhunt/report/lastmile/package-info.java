/**
 * Renderers of service cards and of last-mile tests: JSON (with the published schemas), Markdown, and
 * self-contained HTML (card-vs-customer bars with intervals, a forest plot of the differences-in-differences,
 * a group × condition heatmap of the degradation).
 */
package org.fairhunt.report.lastmile;

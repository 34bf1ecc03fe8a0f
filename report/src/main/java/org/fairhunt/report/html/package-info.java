/**
 * A small toolkit for self-contained HTML reports: {@link org.fairhunt.report.html.Html} escapes text,
 * builds tables and wraps a page with its inline style sheet and a content security policy that forbids
 * every network request; {@link org.fairhunt.report.html.Svg} draws the charts as inline SVG (bars with
 * interval whiskers and a reference line, heatmaps with a sequential colour scale (diverging for signed quantities)). The audit report
 * ({@link org.fairhunt.report.html.HtmlReport}) is built from these pieces, and so are the discovery,
 * coverage and speech reports, so they look alike and escape user data the same way.
 */
package org.fairhunt.report.html;

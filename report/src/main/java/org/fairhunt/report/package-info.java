/**
 * Reports of an audit: {@link org.fairhunt.report.ReportWriter} writes the JSON, Markdown and HTML forms
 * of one {@link org.fairhunt.core.result.AuditResult} side by side. Renderers read only that immutable
 * result tree; {@link org.fairhunt.report.Formats} is the one place numbers and intervals are turned
 * into text, so every report (and every later renderer) shows the same figures the same way.
 */
package org.fairhunt.report;

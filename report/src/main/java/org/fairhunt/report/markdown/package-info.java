/**
 * The Markdown report: what a reviewer pastes into a ticket. {@link org.fairhunt.report.markdown.Markdown}
 * escapes user data for CommonMark/GitHub tables (a group value can hold {@code |}, {@code <} or
 * backticks) and {@link org.fairhunt.report.markdown.MarkdownReport} lays out verdicts, headline, slice
 * tables with footnoted reasons, disparities, warnings, glossary and settings.
 */
package org.fairhunt.report.markdown;

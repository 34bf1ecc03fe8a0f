/**
 * Renders discovery's results, slices ({@code fairhunt.slices/v1}) and coverage ({@code fairhunt.coverage/v1}),
 * as JSON, Markdown and self-contained HTML: discovery produces the result records, report renders them.
 */
package org.fairhunt.report.discovery;

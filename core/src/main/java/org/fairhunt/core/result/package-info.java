/**
 * The immutable audit result: one tree, versioned ({@value org.fairhunt.core.result.AuditResult#SCHEMA}),
 * serialised as JSON by {@link org.fairhunt.core.result.AuditJson}. Every renderer (Markdown, HTML,
 * service card) reads only this tree, never the engine's state. An undefined metric is {@code null}
 * with a reason, never 0 or {@code NaN}.
 */
package org.fairhunt.core.result;

/**
 * {@code fairhunt audit} and the terminal presentation of an audit result ({@link org.fairhunt.cli.audit.Summary},
 * {@link org.fairhunt.cli.audit.VerdictSummary}) and its report files, shared by every command that produces an audit.
 */
package org.fairhunt.cli.audit;

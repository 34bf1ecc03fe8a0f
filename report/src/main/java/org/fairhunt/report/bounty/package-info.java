/**
 * Renderers of the bias bounty's results: a program's status as text (what {@code bounty status}
 * prints) and as JSON of kind {@code fairhunt.bounty-status/v1}, with numbers written by
 * {@link org.fairhunt.report.Formats}.
 */
package org.fairhunt.report.bounty;

/**
 * The self-contained demos behind {@code fairhunt demo}: shipped data (with attribution in the
 * resources), a baseline model trained in-process, and a full audit written as reports.
 */
package org.fairhunt.cli.demo;

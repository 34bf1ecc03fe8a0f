/**
 * Option groups shared by the subcommands as picocli mixins (input and format, groups with intersections
 * and bins, bootstrap with clusters, reference and policy, output, service), so that one option has one name,
 * one default and one help text everywhere; the {@code spark} module reuses them for its commands.
 */
package org.fairhunt.cli.options;

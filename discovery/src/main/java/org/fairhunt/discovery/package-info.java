/**
 * Where nobody looked: discovery of subgroups on which a model underperforms (package
 * {@code slice}, a SliceLine-class lattice search on mergeable per-slice sufficient statistics) and a
 * map of which combinations of conditions the evaluation data covers at all (package
 * {@code coverage}, with a sample-size plan for thin cells). Both work on a core {@code Table}; the
 * {@code render} package writes their results as JSON, Markdown and self-contained HTML.
 */
package org.fairhunt.discovery;

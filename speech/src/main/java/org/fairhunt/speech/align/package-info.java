/**
 * Minimum-edit-distance alignment of a reference and a hypothesis token sequence (words or
 * characters) with sclite's default weights (correct 0, substitution 4, insertion 3, deletion 3), giving
 * the hits, substitutions, deletions and insertions that every WER-family figure is built from.
 */
package org.fairhunt.speech.align;

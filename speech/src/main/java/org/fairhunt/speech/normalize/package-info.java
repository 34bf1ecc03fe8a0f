/**
 * Text normalization applied identically to reference and hypothesis before scoring: tokenization on
 * any Unicode whitespace, case folding, punctuation removal, English contraction expansion, a user
 * word map in the spirit of sclite's GLM files, and removal of non-speech tokens. Steps compose in the
 * order the user gives, and {@link org.fairhunt.speech.normalize.Normalizer#describe()} names them
 * for the report.
 */
package org.fairhunt.speech.normalize;

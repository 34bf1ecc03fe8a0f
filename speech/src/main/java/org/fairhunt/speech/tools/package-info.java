/**
 * Locating and running the external programs the speech module works with: NIST sclite (Debian
 * installs it as {@code /usr/lib/sctk/bin/sclite} behind an {@code sctk} wrapper), the pocketsphinx
 * command-line decoder and the flite synthesizer. Each run has a timeout and its output is parsed, so
 * a missing or failing tool is reported in words.
 */
package org.fairhunt.speech.tools;

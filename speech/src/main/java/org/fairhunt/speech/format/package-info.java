/**
 * Transcript formats: sclite's {@code trn} (read and write), {@code stm} and time-marked {@code ctm}
 * (read), the pairing of reference and hypothesis utterances by id with an explicit policy for ids
 * present on one side only, and the {@code pralign}-style alignment listing.
 */
package org.fairhunt.speech.format;

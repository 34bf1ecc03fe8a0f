package org.fairhunt.speech.format;

/**
 * Where the texts of scored rows lie in the bytes of the files they were read from, for rows whose line was plain
 * (printable ASCII words separated by single spaces): bulk scoring splits and looks up such a text's words straight
 * from the bytes, without a string per word. Row {@code k}'s reference is {@code referenceBytes[referenceStart[k],
 * referenceEnd[k])} when {@code referenceStart[k] >= 0}; -1 means "use the row's text". The arrays are shared, not
 * copied: read only.
 */
public record PlainTexts(byte[] referenceBytes, int[] referenceStart, int[] referenceEnd, byte[] hypothesisBytes,
                         int[] hypothesisStart, int[] hypothesisEnd) {
}

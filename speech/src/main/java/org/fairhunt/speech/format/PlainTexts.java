package org.fairhunt.speech.format;

/**
 * Which scored rows have plain texts on both sides (printable ASCII words separated by single spaces, as a plain trn
 * line holds them; a missing side is empty, which is plain): bulk scoring splits and looks up their words as bytes,
 * without a string per word. The array is shared, not copied: read only.
 */
public record PlainTexts(boolean[] rows) {
}

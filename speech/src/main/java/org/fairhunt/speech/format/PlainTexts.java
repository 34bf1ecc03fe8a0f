package org.fairhunt.speech.format;

/**
 * Which scored rows have plain texts on both sides (printable ASCII words separated by single spaces, as a plain trn
 * line holds them, and no byte that may start markup, {@code < [ +}; a missing side is empty, which is plain), kept as
 * bytes by the table's text columns ({@link org.fairhunt.core.table.TextColumn#ofBytes}): bulk scoring splits and looks
 * up their words from those bytes, without a String per text or word. The array is shared, not copied: read only.
 */
public record PlainTexts(boolean[] rows) {
}

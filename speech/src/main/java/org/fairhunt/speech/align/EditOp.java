package org.fairhunt.speech.align;

/** One step of an alignment, with the one-letter mark sclite's {@code pralign} listing uses. */
public enum EditOp {
    CORRECT(' '),
    SUBSTITUTION('S'),
    DELETION('D'),
    INSERTION('I');

    private final char mark;

    EditOp(char mark) {
        this.mark = mark;
    }

    /** The mark printed under the aligned pair: blank for a hit, S, D or I otherwise. */
    public char mark() {
        return mark;
    }
}

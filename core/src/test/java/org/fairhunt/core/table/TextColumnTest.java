package org.fairhunt.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextColumnTest {

    @Test
    void rowsKeptAsBytesReadAsTheirTextAndOnlyUnsetRowsAreMissing() {
        byte[] bytes = "the cat|sat".getBytes(StandardCharsets.ISO_8859_1);
        // row 0: bytes [0, 7); row 1: a String; row 2: missing; row 3: bytes [8, 11); row 4: the empty range [0, 0)
        String[] values = {null, "a string", null, null, null};
        int[] starts = {0, -1, -1, 8, 0};
        int[] ends = {7, 0, 0, 11, 0};
        TextColumn c = TextColumn.ofBytes("t", values, bytes, starts, ends);
        assertEquals("the cat", c.text(0));
        assertEquals("a string", c.text(1));
        assertNull(c.text(2));
        assertEquals("sat", c.text(3));
        assertEquals("", c.text(4));
        assertArrayEquals(new boolean[] {false, false, true, false, false},
                new boolean[] {c.isMissing(0), c.isMissing(1), c.isMissing(2), c.isMissing(3), c.isMissing(4)});
        assertEquals(1, c.missingCount());
        assertEquals(0, c.start(0));
        assertEquals(7, c.end(0));
        assertEquals(-1, c.start(1), "a String row has no byte range");
        assertEquals(-1, c.start(2));
        assertEquals(8, c.start(3));
        assertTrue(c.bytes() == bytes, "shared, not copied");
    }

    @Test
    void aColumnOfStringsHasNoBytes() {
        TextColumn c = new TextColumn("t", new String[] {"x", null});
        assertNull(c.bytes());
        assertEquals(-1, c.start(0));
        assertEquals(1, c.missingCount());
        assertFalse(c.isMissing(0));
        assertThrows(IllegalArgumentException.class,
                () -> TextColumn.ofBytes("t", new String[2], new byte[0], new int[1], new int[2]));
    }
}

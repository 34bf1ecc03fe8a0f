package org.fairhunt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Compares two result trees: the same shape, the same text, integers exactly, other numbers within
 * 1e-12 × max(1, |value|): sums of doubles over partitions are added in another order than the local
 * blocks, and a difference of two such values (a disparity) keeps their absolute error, not a relative one.
 */
final class JsonCompare {
    static final double RELATIVE = 1e-12;

    private JsonCompare() {
    }

    /** Asserts {@code actual} equals {@code expected}; returns how many numbers were compared. */
    static int assertSame(JsonNode expected, JsonNode actual) {
        int[] numbers = {0};
        compare(expected, actual, "$", numbers);
        return numbers[0];
    }

    private static void compare(JsonNode e, JsonNode a, String path, int[] numbers) {
        if (e.isNumber() && a.isNumber()) {
            numbers[0]++;
            if (e.isIntegralNumber() && a.isIntegralNumber()) {
                assertEquals(e.longValue(), a.longValue(), path);
                return;
            }
            double x = e.doubleValue();
            double y = a.doubleValue();
            double scale = Math.max(1, Math.max(Math.abs(x), Math.abs(y)));
            if (x != y && !(Math.abs(x - y) <= RELATIVE * scale)) {
                fail(path + ": expected " + x + ", got " + y);
            }
            return;
        }
        assertEquals(e.getNodeType(), a.getNodeType(), path + " (" + e + " vs " + a + ")");
        if (e.isObject()) {
            List<String> en = names(e);
            assertEquals(en, names(a), path);
            for (String n : en) {
                compare(e.get(n), a.get(n), path + "." + n, numbers);
            }
        } else if (e.isArray()) {
            assertEquals(e.size(), a.size(), path + " length");
            for (int i = 0; i < e.size(); i++) {
                compare(e.get(i), a.get(i), path + "[" + i + "]", numbers);
            }
        } else {
            assertEquals(e, a, path);
        }
        assertTrue(true);
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }
}

package org.fairhunt.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.fairhunt.core.testing.Tables;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {
    private static List<String> sorted(String... values) {
        List<String> l = new ArrayList<>(List.of(values));
        Collections.shuffle(l, new Random(3));
        l.sort(NaturalOrder.INSTANCE);
        return l;
    }

    @Test
    void numbers_compare_by_value_and_digit_runs_as_numbers() {
        assertEquals(List.of("-5", "-1", "0", "0.5", "0.75", "1", "2", "10", "100"), sorted("10", "2", "-1", "0.75", "100", "1",
                "0", "-5", "0.5"));
        assertEquals(List.of("age2", "age9", "age10", "age100"), sorted("age10", "age9", "age100", "age2"));
        assertEquals(List.of("a", "B", "c"), sorted("c", "B", "a"));
        assertEquals(List.of("A", "a"), sorted("a", "A"));
        assertEquals(List.of("v01", "v1"), sorted("v1", "v01"), "equal numbers: the tie is broken by the text");
    }

    @Test
    void csv_levels_come_in_natural_order_not_first_seen() {
        var t = Tables.of("t.csv", List.of("g"), new String[] {"size10"}, new String[] {"size2"}, new String[] {""},
                new String[] {"size1"}, new String[] {"size2"});
        CategoricalColumn g = t.categorical("g");
        assertEquals(List.of("size1", "size2", "size10"), g.levels());
        assertEquals("size10", g.text(0));
        assertEquals("size2", g.text(1));
        assertEquals(null, g.text(2));
        assertEquals("size1", g.text(3));
    }
}

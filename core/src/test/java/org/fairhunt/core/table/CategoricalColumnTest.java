package org.fairhunt.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CategoricalColumnTest {
    @Test
    void natural_order_recodes_the_rows_to_the_sorted_levels() {
        CategoricalColumn c = CategoricalColumn.naturallyOrdered("g", new int[] {0, 1, -1, 2, 0}, List.of("10", "b", "2"));
        assertEquals(List.of("2", "10", "b"), c.levels());
        assertArrayEquals(new int[] {1, 2, -1, 0, 1}, c.codesUnsafe());
    }

    @Test
    void a_code_outside_the_levels_is_refused_sorted_or_not() {
        IllegalArgumentException unsorted = assertThrows(IllegalArgumentException.class,
                () -> CategoricalColumn.naturallyOrdered("g", new int[] {0, 3}, List.of("b", "a")));
        assertEquals("column g: code 3 outside [-1, 2)", unsorted.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CategoricalColumn.naturallyOrdered("g", new int[] {0, -2}, List.of("b", "a")));
        assertThrows(IllegalArgumentException.class, () -> CategoricalColumn.naturallyOrdered("g", new int[] {0, 2}, List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> new CategoricalColumn("g", new int[] {-2}, List.of("a")));
    }
}

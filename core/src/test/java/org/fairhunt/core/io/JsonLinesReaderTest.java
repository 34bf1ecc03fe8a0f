package org.fairhunt.core.io;

import static org.fairhunt.core.io.TestFiles.assertFails;
import static org.fairhunt.core.io.TestFiles.read;
import static org.fairhunt.core.io.TestFiles.resource;
import static org.fairhunt.core.io.TestFiles.texts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.ColumnType;
import org.fairhunt.core.table.Table;
import org.junit.jupiter.api.Test;

class JsonLinesReaderTest {

    @Test
    void columns_are_the_union_of_keys_in_first_seen_order() {
        Table t = read("jsonl/basic.jsonl");
        assertEquals(List.of("id", "group", "score", "ok", "extra"), t.columnNames());
        assertEquals(4, t.rowCount());
        assertArrayEquals(new double[] {1, 2, 3, 4}, t.numeric("id").valuesUnsafe());
        // "" is missing, as in CSV; null is missing; 1e-1 is a number.
        assertArrayEquals(new String[] {"a", "b", "a", null}, texts(t.column("group")));
        assertArrayEquals(new double[] {0.5, Double.NaN, 0.1, 2}, t.numeric("score").valuesUnsafe());
        assertEquals(List.of("false", "true"), ((CategoricalColumn) t.column("ok")).levels());
        assertArrayEquals(new String[] {"true", "false", null, "true"}, texts(t.column("ok")));
        // A key first seen on the second object is missing in the first.
        assertArrayEquals(new String[] {null, "x", null, null}, texts(t.column("extra")));
    }

    @Test
    void type_hints_apply_to_keys_as_they_appear() {
        Table t = TableReaders.read(resource("jsonl/basic.jsonl"), ReadOptions.defaults().withTypeHint("id", ColumnType.TEXT));
        assertEquals(ColumnType.TEXT, t.column("id").type());
        assertArrayEquals(new String[] {"1", "2", "3", "4"}, texts(t.column("id")));
        UserInputException e = assertThrows(UserInputException.class, () -> TableReaders.read(resource("jsonl/basic.jsonl"),
                ReadOptions.defaults().withTypeHint("nope", ColumnType.TEXT)));
        assertEquals(resource("jsonl/basic.jsonl") + ": a type is given for column 'nope', but no line has that key;"
                + " the keys are: id, group, score, ok, extra", e.getMessage());
    }

    @Test
    void nested_objects_and_arrays_are_refused_with_their_key() {
        assertFails("jsonl/nested.jsonl", 1, 19,
                "key 'meta' holds a nested object; a table cell holds one value, so flatten it first (e.g. 'meta.field')");
        assertFails("jsonl/array.jsonl", 2, 19,
                "key 'tags' holds an array; a table cell holds one value, so flatten it first (e.g. 'tags.field')");
    }

    @Test
    void malformed_json_names_line_and_column() {
        assertFails("jsonl/bad_json.jsonl", 2, 10,
                "invalid JSON: Unexpected character ('}' (code 125)): was expecting double-quote to start field name");
    }

    @Test
    void a_line_that_is_not_an_object_is_refused() {
        assertFails("jsonl/not_object.jsonl", 2, 1, "expected a JSON object ({...}) on each line, found an array");
    }

    @Test
    void two_values_on_one_line_are_refused() {
        assertFails("jsonl/two_objects.jsonl", 1, 11, "more than one JSON value on the line; expected one object per line");
    }

    @Test
    void duplicate_keys_are_refused() {
        assertFails("jsonl/duplicate_key.jsonl", 1, 11, "key 'id' appears twice in the object");
    }

    @Test
    void a_string_cut_by_the_end_of_the_line_is_refused() {
        assertFails("jsonl/truncated.jsonl", 2, 22,
                "invalid JSON: Unexpected end-of-input in VALUE_STRING");
    }

    @Test
    void a_file_of_blank_lines_is_refused() {
        assertFails("jsonl/empty.jsonl", 0, 0, "empty file, expected one JSON object per line");
    }
}

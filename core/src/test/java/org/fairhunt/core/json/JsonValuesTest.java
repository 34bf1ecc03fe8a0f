package org.fairhunt.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link JsonValues} gives the values, and the value classes, that Jackson's databind gives for the same text. */
class JsonValuesTest {
    private static final ObjectMapper DATABIND = new ObjectMapper();

    @Test
    void the_same_values_and_classes_as_databind() throws IOException {
        for (String text : List.of("{\"a\":1,\"b\":-2.5e-3,\"c\":\"x\\u00e9\\\"y\",\"d\":null,\"e\":true,\"f\":false}",
                "{\"big\":12345678901,\"huge\":123456789012345678901234567890,\"z\":0.1,\"neg\":-0,\"exp\":1E300,\"nan\":\"NaN\"}",
                "{\"nested\":{\"list\":[1,[2,3],{\"k\":[]}],\"empty\":{}},\"dup\":1,\"dup\":2}",
                "[\"a\",\"b\",null]", "{\"order\":{\"z\":1,\"a\":2,\"m\":3}}")) {
            Object expected = DATABIND.readValue(text, Object.class);
            Object actual = JsonValues.read(text);
            assertEquals(expected, actual, text);
            assertEquals(classes(expected), classes(actual), text);
            assertEquals(DATABIND.writeValueAsString(expected), DATABIND.writeValueAsString(actual), "field order of " + text);
        }
    }

    private static Object classes(Object v) {
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> e.getKey() + ":" + classes(e.getValue())).toList();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(JsonValuesTest::classes).toList();
        }
        return v == null ? "null" : v.getClass().getName();
    }

    @Test
    void typed_readers_refuse_the_wrong_shape() throws IOException {
        assertEquals(Map.of("a", 1), JsonValues.readObject("{\"a\":1}"));
        assertEquals(List.of("x", "y"), JsonValues.readStrings("[\"x\",\"y\"]"));
        assertThrows(IOException.class, () -> JsonValues.readObject("[1]"));
        assertThrows(IOException.class, () -> JsonValues.readStrings("[\"x\",2]"));
        assertThrows(IOException.class, () -> JsonValues.readStrings("{}"));
        assertThrows(IOException.class, () -> JsonValues.read(""));
        assertThrows(IOException.class, () -> JsonValues.read("{} {}"));
        assertThrows(IOException.class, () -> JsonValues.read("{\"a\":"));
    }
}

package org.fairhunt.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
    record Point(double x, Double y, float z, List<Double> more) {
    }

    @Test
    void non_finite_numbers_are_null_never_strings_wherever_they_come_from() {
        Point p = new Point(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, List.of(1.5, Double.NaN));
        assertEquals("{\"x\":null,\"y\":null,\"z\":null,\"more\":[1.5,null]}", compact(Json.toText(p)));
        ObjectNode tree = Json.object();
        tree.put("a", Double.NaN).put("b", 0.25);
        Json.putNumber(tree, "c", Double.NEGATIVE_INFINITY);
        assertEquals("{\"a\":null,\"b\":0.25,\"c\":null}", compact(Json.toText(tree)));
    }

    @Test
    void maps_keep_insertion_order() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", 2);
        m.put("m", 3);
        assertEquals("{\"z\":1,\"a\":2,\"m\":3}", compact(Json.toText(m)));
    }

    @Test
    void write_is_atomic_and_ends_with_newline(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("r.json");
        Json.write(f, Map.of("k", Double.NaN));
        assertEquals("{\n  \"k\" : null\n}\n", Files.readString(f));
    }

    @Test
    void kinds_have_one_name_style() {
        assertEquals("fairhunt.audit/v1", ResultKind.AUDIT.schemaName());
        assertEquals("fairhunt.bounty-status/v1", ResultKind.BOUNTY_STATUS.schemaName());
        assertEquals("https://fairhunt.org/schemas/slices-v1.schema.json", ResultKind.SLICES.uri());
        assertEquals("org/fairhunt/schemas/coverage-v1.schema.json", ResultKind.COVERAGE.resource());
    }

    private static String compact(String json) {
        return json.replaceAll("\\s+", "").replace("\":", "\":");
    }

    @Test
    void a_name_beyond_the_basic_plane_is_written_as_utf8_bytes_not_escapes(@TempDir Path dir) throws IOException {
        ObjectNode node = Json.object();
        node.put("group", "👩‍⚕️ Zoë");
        Path file = dir.resolve("x.json");
        Json.write(file, node);
        // Written as bytes, the file equals the text written as a String and encoded: no \uD83D\uDC69 pair.
        assertEquals(Json.toText(node), Files.readString(file, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(false, Files.readString(file).contains("\\uD83D"));
    }
}

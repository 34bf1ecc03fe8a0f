package org.fairhunt.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text into plain values — {@code LinkedHashMap}, {@code ArrayList}, {@code String}, {@code Integer}/
 * {@code Long}/{@code BigInteger}, {@code Double}, {@code Boolean}, {@code null} — the same values Jackson's
 * {@code ObjectMapper.readValue(text, Map/List/Object)} gives, with the streaming parser only. For a short-lived
 * command that reads a few settings, building an {@code ObjectMapper} (its date formats, locale data and
 * deserializer caches) costs more than the reading: about 15 ms of a 0.45 s {@code bounty submit}.
 */
public final class JsonValues {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonValues() {
    }

    /** The value of {@code text}, which must hold exactly one JSON value. */
    public static Object read(String text) throws IOException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IOException("no JSON value in an empty text");
            }
            Object v = value(p, t);
            if (p.nextToken() != null) {
                throw new IOException("more than one JSON value, at " + p.currentLocation());
            }
            return v;
        }
    }

    /** An object's fields, in their order. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(String text) throws IOException {
        Object v = read(text);
        if (!(v instanceof Map)) {
            throw new IOException("expected a JSON object, found " + kind(v));
        }
        return (Map<String, Object>) v;
    }

    /** An array's elements, each of which must be a string. */
    public static List<String> readStrings(String text) throws IOException {
        Object v = read(text);
        if (!(v instanceof List<?> list)) {
            throw new IOException("expected a JSON array, found " + kind(v));
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object e : list) {
            if (e != null && !(e instanceof String)) {
                throw new IOException("expected strings in the array, found " + kind(e));
            }
            out.add((String) e);
        }
        return out;
    }

    private static String kind(Object v) {
        return v == null ? "null" : v instanceof Map ? "an object" : v instanceof List ? "an array" : v.getClass().getSimpleName();
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    m.put(name, value(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    l.add(value(p, e));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + t + " at " + p.currentLocation());
        }
    }
}

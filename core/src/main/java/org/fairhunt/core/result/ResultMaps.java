package org.fairhunt.core.result;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only copies for the result tree: insertion order kept (the JSON must not change between runs,
 * which {@code Map.copyOf} would not guarantee), {@code null} kept as {@code null}, and nested maps and
 * lists of a settings tree copied all the way down, so a result can never change after it is built.
 */
final class ResultMaps {
    private ResultMaps() {
    }

    static <K, V> Map<K, V> copy(Map<K, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    static Map<String, Object> deepCopy(Map<String, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, deep(v)));
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Object deep(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, deep(x)));
            return Collections.unmodifiableMap(out);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(deep(x)));
            return Collections.unmodifiableList(out);
        }
        return v;
    }
}

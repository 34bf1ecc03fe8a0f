package org.fairhunt.core.result;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Read-only copies for the result tree: insertion order kept (the JSON must not change between runs,
 * which {@code Map.copyOf} would not guarantee), {@code null} kept as {@code null}, and nested maps and
 * lists of a settings tree copied all the way down, so a result can never change after it is built.
 *
 * <p>A copy made here is itself shared, not copied again: only this class holds its backing map, so nobody can
 * change it. An audit of 1,000 slices builds some 4,000 comparisons, each naming two slices, and every
 * {@code with…} copy of a record re-runs its constructor; the maps of a slice are made once and shared by all.
 */
public final class ResultMaps {
    private ResultMaps() {
    }

    /**
     * An insertion-ordered read-only copy of {@code map} ({@code null} stays {@code null}), or {@code map} itself
     * when it is such a copy already (made by this class, so that nothing else can change it).
     */
    public static <K, V> Map<K, V> copy(Map<K, V> map) {
        if (map == null || map instanceof Frozen) {
            return map;
        }
        return new Frozen<>(new LinkedHashMap<>(map), false);
    }

    /**
     * The insertion-ordered read-only map {@code keys[i] → values[i]} (a later equal key replaces an earlier one's
     * value in place), shared as {@link #copy} shares its copies.
     */
    public static <K, V> Map<K, V> of(List<K> keys, List<V> values) {
        if (keys.size() != values.size()) {
            throw new IllegalArgumentException("keys and values differ in length: " + keys + " vs " + values);
        }
        LinkedHashMap<K, V> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            m.put(keys.get(i), values.get(i));
        }
        return new Frozen<>(m, false);
    }

    static Map<String, Object> deepCopy(Map<String, ?> map) {
        if (map instanceof Frozen<?, ?> f && f.deep) {
            @SuppressWarnings("unchecked")
            Map<String, Object> same = (Map<String, Object>) map;
            return same;
        }
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, deep(v)));
        return new Frozen<>(out, true);
    }

    private static Object deep(Object v) {
        if (v instanceof Frozen<?, ?> f && f.deep) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, deep(x)));
            return new Frozen<>(out, true);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(deep(x)));
            return Collections.unmodifiableList(out);
        }
        return v;
    }

    /**
     * A read-only map over a {@link LinkedHashMap} that nothing else references; {@code deep}: its nested maps
     * and lists are read-only copies too. Reads go to an unmodifiable view, so every mutator throws
     * {@link UnsupportedOperationException} as {@link Collections#unmodifiableMap}'s do; equality, hash code and
     * text are those of any map with the same entries.
     */
    private static final class Frozen<K, V> extends AbstractMap<K, V> {
        private final Map<K, V> view;
        private final boolean deep;

        Frozen(LinkedHashMap<K, V> own, boolean deep) {
            this.view = Collections.unmodifiableMap(own);
            this.deep = deep;
        }

        @Override
        public int size() {
            return view.size();
        }

        @Override
        public boolean isEmpty() {
            return view.isEmpty();
        }

        @Override
        public boolean containsKey(Object key) {
            return view.containsKey(key);
        }

        @Override
        public boolean containsValue(Object value) {
            return view.containsValue(value);
        }

        @Override
        public V get(Object key) {
            return view.get(key);
        }

        @Override
        public V getOrDefault(Object key, V defaultValue) {
            return view.getOrDefault(key, defaultValue);
        }

        @Override
        public Set<K> keySet() {
            return view.keySet();
        }

        @Override
        public Collection<V> values() {
            return view.values();
        }

        @Override
        public Set<Entry<K, V>> entrySet() {
            return view.entrySet();
        }

        @Override
        public void forEach(BiConsumer<? super K, ? super V> action) {
            view.forEach(action);
        }

        @Override
        public V put(K key, V value) {
            return view.put(key, value);
        }

        @Override
        public V remove(Object key) {
            return view.remove(key);
        }

        @Override
        public void putAll(Map<? extends K, ? extends V> m) {
            view.putAll(m);
        }

        @Override
        public void clear() {
            view.clear();
        }

        @Override
        public void replaceAll(BiFunction<? super K, ? super V, ? extends V> function) {
            view.replaceAll(function);
        }

        @Override
        public V putIfAbsent(K key, V value) {
            return view.putIfAbsent(key, value);
        }

        @Override
        public boolean remove(Object key, Object value) {
            return view.remove(key, value);
        }

        @Override
        public boolean replace(K key, V oldValue, V newValue) {
            return view.replace(key, oldValue, newValue);
        }

        @Override
        public V replace(K key, V value) {
            return view.replace(key, value);
        }

        @Override
        public V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
            return view.computeIfAbsent(key, mappingFunction);
        }

        @Override
        public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
            return view.computeIfPresent(key, remappingFunction);
        }

        @Override
        public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
            return view.compute(key, remappingFunction);
        }

        @Override
        public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
            return view.merge(key, value, remappingFunction);
        }
    }
}

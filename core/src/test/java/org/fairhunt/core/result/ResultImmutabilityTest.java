package org.fairhunt.core.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Results share their read-only maps and extension sections between copies instead of copying them again; nobody may
 * change a result through what it shares: not the caller who built it, not a reader of it.
 */
class ResultImmutabilityTest {

    private static void assertReadOnly(Map<String, String> m) {
        assertThrows(UnsupportedOperationException.class, () -> m.put("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> m.remove("sex"));
        assertThrows(UnsupportedOperationException.class, m::clear);
        assertThrows(UnsupportedOperationException.class, () -> m.putAll(Map.of("x", "y")));
        assertThrows(UnsupportedOperationException.class, () -> m.computeIfAbsent("sex", k -> "z"));
        assertThrows(UnsupportedOperationException.class, () -> m.computeIfAbsent("x", k -> "z"));
        assertThrows(UnsupportedOperationException.class, () -> m.merge("sex", "z", (a, b) -> b));
        assertThrows(UnsupportedOperationException.class, () -> m.replaceAll((k, v) -> v));
        assertThrows(UnsupportedOperationException.class, () -> m.keySet().remove("sex"));
        assertThrows(UnsupportedOperationException.class, () -> m.values().clear());
        assertThrows(UnsupportedOperationException.class, () -> m.entrySet().iterator().next().setValue("z"));
        assertThrows(UnsupportedOperationException.class, () -> {
            var it = m.entrySet().iterator();
            it.next();
            it.remove();
        });
    }

    @Test
    void a_disparity_keeps_its_own_read_only_maps_and_its_copies_share_them() {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("sex", "female");
        attrs.put("age", "<25");
        Map<String, String> ref = new LinkedHashMap<>(Map.of("sex", "male"));
        Disparity d = new Disparity("fpr", attrs, ref, Disparity.DIFFERENCE, 0.1, 0.0, 0.2, 0.04, null, null);
        attrs.put("sex", "other");
        ref.clear();
        assertEquals("{sex=female, age=<25}", d.attributes().toString());
        assertEquals(Map.of("sex", "male"), d.reference());
        assertReadOnly(d.attributes());
        assertReadOnly(d.reference());

        Disparity q = d.withQValue(0.08);
        assertEquals(0.08, q.qValue());
        assertSame(d.attributes(), q.attributes());
        assertSame(d.reference(), q.reference());
        assertEquals(d.attributes(), new LinkedHashMap<>(Map.of("sex", "female", "age", "<25")));
        assertEquals(new LinkedHashMap<>(d.attributes()).hashCode(), d.attributes().hashCode());
        assertEquals(List.of("sex", "age"), new ArrayList<>(q.attributes().keySet()));
    }

    @Test
    void a_read_only_view_of_someone_elses_map_is_copied_not_shared() {
        Map<String, String> backing = new LinkedHashMap<>(Map.of("sex", "female"));
        Map<String, String> view = Collections.unmodifiableMap(backing);
        Map<String, String> copy = ResultMaps.copy(view);
        assertNotSame(view, copy);
        backing.put("sex", "male");
        assertEquals("female", copy.get("sex"));
        assertSame(copy, ResultMaps.copy(copy));
        assertNull(ResultMaps.copy(null));
        SliceResult s = new SliceResult(copy, 5, false, Map.of());
        assertSame(copy, s.attributes());
    }

    @Test
    void extension_sections_and_settings_cannot_be_changed_by_the_builder_or_a_reader() {
        Map<String, Object> settings = new LinkedHashMap<>();
        List<String> groups = new ArrayList<>(List.of("sex"));
        settings.put("groups", groups);
        ObjectNode section = JsonNodeFactory.instance.objectNode();
        section.put("speaker_source", "ids");
        section.putObject("slices").putObject("(all)").put("words", 10);
        AuditResult r = new AuditResult(AuditResult.SCHEMA, "d.csv", 1, settings, Map.of(), List.of(), List.of(), List.of(),
                List.of(), Map.of()).withExtension("speech", section);
        String json = AuditJson.toJson(r);

        section.put("speaker_source", "changed by the builder");
        groups.add("age");
        settings.put("more", 1);
        assertEquals(json, AuditJson.toJson(r));

        ((ObjectNode) r.extensions().get("speech")).put("speaker_source", "changed by a reader");
        ((ObjectNode) r.extension("speech", "/slices/(all)")).put("words", 11);
        assertThrows(UnsupportedOperationException.class, () -> r.extensions().put("x", section));
        assertThrows(UnsupportedOperationException.class, () -> r.extensionNames().remove("speech"));
        assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) r.settings().get("groups")).add("x"));
        assertThrows(UnsupportedOperationException.class, () -> r.settings().put("x", 1));
        assertEquals(json, AuditJson.toJson(r));
        assertEquals("ids", r.extension("speech", "/speaker_source").asText());
        assertEquals(10, r.extension("speech", "/slices/(all)/words").asInt());
        assertNull(r.extension("speech", "/nothing"));
        assertNull(r.extension("clarify", "/speaker_source"));

        // copies share the sections and settings, and a later section is copied when added
        AuditResult withVerdicts = r.withVerdicts(List.of());
        assertSame(r.settings(), withVerdicts.settings());
        ObjectNode second = JsonNodeFactory.instance.objectNode().put("n", 1);
        AuditResult two = withVerdicts.withExtension("other", second);
        second.put("n", 2);
        assertEquals(1, two.extension("other", "/n").asInt());
        assertEquals(List.of("speech", "other"), new ArrayList<>(two.extensionNames()));
        assertEquals(AuditJson.toJson(r.withExtension("other", JsonNodeFactory.instance.objectNode().put("n", 1))),
                AuditJson.toJson(two));
    }
}

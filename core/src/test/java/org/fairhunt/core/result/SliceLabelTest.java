package org.fairhunt.core.result;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.engine.SliceKey;
import org.junit.jupiter.api.Test;

/** The one spelling of a slice, whichever form the slice comes in (a result's map, an engine key, nothing). */
class SliceLabelTest {

    @Test
    void attributesInTheirOrderJoinedByAmpersandsAndTheOverallPopulationAsAll() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("sex", "female");
        attributes.put("age_band", "<25");
        assertEquals("sex=female & age_band=<25", SliceResult.label(attributes));
        assertEquals("(all)", SliceResult.label(Map.of()));
        assertEquals("(all)", SliceResult.label(null));
        assertEquals("sex=female & age_band=<25", new SliceResult(attributes, 10, false, Map.of()).label());
        assertEquals("sex=female & age_band=<25", new SliceKey(List.of("sex", "age_band"), List.of("female", "<25")).label());
        assertEquals("(all)", SliceKey.OVERALL.label());
    }
}

package org.fairhunt.speech.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MapssweTest {

    private static Mapsswe.Triple t(String ref, String a, String b) {
        return new Mapsswe.Triple(List.of(ref.split(" ")), a.isEmpty() ? List.of() : List.of(a.split(" ")),
                b.isEmpty() ? List.of() : List.of(b.split(" ")));
    }

    @Test
    void errorsInDifferentSegmentsCancel() {
        var r = Mapsswe.test(List.of(t("a b c d e f g h", "a b x d e f g h", "a b c d e y g h")));
        assertEquals(2, r.segments());
        assertEquals(0.0, r.meanDifference());
        assertEquals(Math.sqrt(2), r.sdDifference(), 1e-12);
        assertEquals(0.0, r.w());
        assertEquals(1.0, r.pValue(), 1e-7);
    }

    @Test
    void statisticAndPValueMatchAHandComputation() {
        // Z = {1, 1, 2, -1}: mean 0.75, sd = sqrt(4.75 / 3) = 1.258306, W = 0.75 / (1.258306 / 2) = 1.192079,
        // p = 2 (1 - Phi(1.192079)) = 0.233226
        var r = Mapsswe.test(List.of(
                t("a b c d e f", "a b X d e f", "a b c d e f"),
                t("a b c d e f", "a b X d e f", "a b c d e f"),
                t("a b c d e f", "a b X Y e f", "a b c d e f"),
                t("a b c d e f", "a b c d e f", "a b X d e f")));
        assertEquals(4, r.segments());
        assertEquals(4, r.errorsA());
        assertEquals(1, r.errorsB());
        assertEquals(0.75, r.meanDifference(), 1e-12);
        assertEquals(1.258306, r.sdDifference(), 1e-6);
        assertEquals(1.192079, r.w(), 1e-6);
        assertEquals(0.233226, r.pValue(), 1e-5);
    }

    @Test
    void anInsertionBetweenTwoAnchorsIsASegmentOfItsOwn() {
        var r = Mapsswe.test(List.of(t("a b c d", "a b z c d", "a b c d")));
        assertEquals(1, r.segments());
        assertEquals(1, r.errorsA());
        assertEquals(0, r.errorsB());
        assertTrue(Double.isNaN(r.w()), "one segment has no variance");
    }

    @Test
    void normalTailIsAccurate() {
        assertEquals(0.5, Mapsswe.upperNormalTail(0), 1e-7);
        assertEquals(0.0250, Mapsswe.upperNormalTail(1.959964), 1e-6);
        assertEquals(0.158655, Mapsswe.upperNormalTail(1.0), 1e-6);
    }
}

package org.fairhunt.bounty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.fairhunt.bounty.group.CelGroup;
import org.fairhunt.bounty.group.CelLimits;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.FeatureSchema;
import org.fairhunt.bounty.schema.Task;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TableBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CelGroupTest {
    /** Rows with missing categories and numbers, negative zero, and values unseen in the schema. */
    static final Table TABLE = table();
    static final FeatureSchema SCHEMA = FeatureSchema.infer("y", Task.CLASSIFICATION, TABLE);
    static final FeatureData DATA = SCHEMA.encode(TABLE, true);

    static Table table() {
        TableBuilder b = new TableBuilder("cel.csv", List.of("color", "size", "w", "y"));
        Random rnd = new Random(5);
        String[] colors = {"red", "blue", "green", null};
        String[] sizes = {"s", "m", "l"};
        for (int i = 0; i < 600; i++) {
            String w = switch (rnd.nextInt(8)) {
                case 0 -> null;
                case 1 -> "-0";
                case 2 -> "0";
                case 3 -> "3";
                default -> Double.toString(Math.round(rnd.nextGaussian() * 40) / 10.0);
            };
            b.addRow(new String[] {colors[rnd.nextInt(4)], sizes[rnd.nextInt(3)], w, rnd.nextBoolean() ? "a" : "b"});
        }
        return b.build();
    }

    static CelGroup compile(String expr) {
        return CelGroup.compile(expr, SCHEMA, CelLimits.defaults());
    }

    static boolean[] rowByRow(CelGroup g) {
        boolean[] out = new boolean[DATA.rowCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = g.matches(DATA, i);
        }
        return out;
    }

    @Test
    void membership_follows_the_expression_on_each_row() {
        boolean[] m = compile("color == \"red\" && w > 1.0").members(DATA);
        for (int i = 0; i < DATA.rowCount(); i++) {
            boolean expected = "red".equals(TABLE.column("color").text(i)) && TABLE.numeric("w").value(i) > 1;
            assertEquals(expected, m[i], "row " + i);
        }
    }

    @Test
    void a_missing_category_is_the_empty_string_and_a_missing_number_fails_every_comparison() {
        boolean[] empty = compile("color == \"\"").members(DATA);
        boolean[] low = compile("w < 1000.0").members(DATA);
        boolean[] high = compile("w >= 1000.0").members(DATA);
        for (int i = 0; i < DATA.rowCount(); i++) {
            assertEquals(TABLE.column("color").isMissing(i), empty[i]);
            boolean missing = TABLE.column("w").isMissing(i);
            assertEquals(!missing, low[i]);
            assertFalse(high[i]);
        }
    }

    @Test
    void features_used_come_from_the_syntax_tree() {
        assertEquals(Set.of("color", "w"), compile("color == \"red\" && (w > 3.0 || !(w < -1.5))").featuresUsed());
        assertEquals(Set.of("size"), compile("size in [\"s\", \"m\"]").featuresUsed());
    }

    /** Random expressions of the columnar subset and outside it: both evaluators agree with CEL row by row. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void columnar_and_interpreted_evaluation_agree_with_cel_row_by_row(long seed) {
        Random rnd = new Random(seed);
        for (int k = 0; k < 25; k++) {
            String expr = randomExpr(rnd, 3);
            CelGroup g = compile(expr);
            boolean[] expected = rowByRow(g);
            assertArrayEquals(expected, g.members(DATA), expr);
            assertArrayEquals(expected, g.interpreted(DATA), expr);
        }
    }

    @Test
    void simple_comparisons_run_columnar_and_others_fall_back_to_the_interpreter() {
        assertTrue(compile("color == \"red\" && w > 1.0 || size in [\"s\"]").isColumnar());
        CelGroup fallback = compile("color.startsWith(\"r\") && w * 2.0 > 1.0");
        assertFalse(fallback.isColumnar());
        assertArrayEquals(rowByRow(fallback), fallback.members(DATA));
    }

    static String randomExpr(Random rnd, int depth) {
        if (depth == 0 || rnd.nextInt(3) == 0) {
            return switch (rnd.nextInt(9)) {
                case 0 -> "color == \"" + new String[] {"red", "blue", "green", "", "purple"}[rnd.nextInt(5)] + "\"";
                case 1 -> "size != \"" + new String[] {"s", "m", "xl"}[rnd.nextInt(3)] + "\"";
                case 2 -> "w " + new String[] {"<", "<=", ">", ">=", "==", "!="}[rnd.nextInt(6)] + " "
                        + new String[] {"0.0", "-0.0", "3.0", "1.5", "-2.2"}[rnd.nextInt(5)];
                case 3 -> new String[] {"1.0", "0.0", "-1.5"}[rnd.nextInt(3)] + " " + new String[] {"<", ">=", "=="}[rnd.nextInt(3)] + " w";
                case 4 -> "color in [\"red\", \"\"]";
                case 5 -> "w in [0.0, 3.0]";
                case 6 -> "size.contains(\"m\")";
                case 7 -> "w + 1.0 > 2.0";
                default -> rnd.nextBoolean() ? "true" : "false";
            };
        }
        return switch (rnd.nextInt(3)) {
            case 0 -> "(" + randomExpr(rnd, depth - 1) + " && " + randomExpr(rnd, depth - 1) + ")";
            case 1 -> "(" + randomExpr(rnd, depth - 1) + " || " + randomExpr(rnd, depth - 1) + ")";
            default -> "!(" + randomExpr(rnd, depth - 1) + ")";
        };
    }

    @Test
    void errors_name_the_position_the_known_features_and_the_limits() {
        String syntax = assertThrows(UserInputException.class, () -> compile("color == \"red\" &&")).getMessage();
        assertTrue(syntax.contains("group expression:1:18"), syntax);
        String unknown = assertThrows(UserInputException.class, () -> compile("colour == \"red\"")).getMessage();
        assertTrue(unknown.contains("undeclared reference to 'colour'") && unknown.contains("color (string), size (string), w (double)"),
                unknown);
        String type = assertThrows(UserInputException.class, () -> compile("w == \"heavy\"")).getMessage();
        assertTrue(type.contains("no matching overload"), type);
        String intLiteral = assertThrows(UserInputException.class, () -> compile("w > 3")).getMessage();
        assertTrue(intLiteral.contains("write numbers with a decimal point"), intLiteral);
        String notBool = assertThrows(UserInputException.class, () -> compile("w")).getMessage();
        assertTrue(notBool.contains("expected type 'bool'"), notBool);
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            terms.add("w > " + i + ".0");
        }
        String cost = assertThrows(UserInputException.class,
                () -> CelGroup.compile(String.join(" || ", terms), SCHEMA, new CelLimits(100_000, 500))).getMessage();
        assertTrue(cost.contains("over the program's limit of 500"), cost);
        String length = assertThrows(UserInputException.class,
                () -> CelGroup.compile(String.join(" || ", terms), SCHEMA, new CelLimits(100, 500))).getMessage();
        assertTrue(length.contains("characters long, over the program's limit of 100"), length);
        String macro = assertThrows(UserInputException.class, () -> compile("[1, 2, 3].all(x, x > 0)")).getMessage();
        assertTrue(macro.contains("group expression"), macro);
    }
}

package org.fairhunt.lastmile.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.testing.MustRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values are RFC 8785's published examples (sections 3.2.2, 3.2.3 and Appendix B). */
@MustRun
class CanonicalJsonTest {
    private static final ObjectMapper M = new ObjectMapper();

    @ParameterizedTest(name = "0x{0} -> {1}")
    @CsvSource({
        "0000000000000000, 0",
        "8000000000000000, 0",
        "0000000000000001, 5e-324",
        "8000000000000001, -5e-324",
        "7fefffffffffffff, 1.7976931348623157e+308",
        "ffefffffffffffff, -1.7976931348623157e+308",
        "4340000000000000, 9007199254740992",
        "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000",
        "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23",
        "44b52d02c7e14af7, 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e, 999999999999999700000",
        "444b1ae4d6e2ef4f, 999999999999999900000",
        "444b1ae4d6e2ef50, 1e+21",
        "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
        "3eb0c6f7a0b5ed8d, 0.000001",
        "41b3de4355555553, 333333333.3333332",
        "41b3de4355555554, 333333333.33333325",
        "41b3de4355555555, 333333333.3333333",
        "41b3de4355555556, 333333333.3333334",
        "41b3de4355555557, 333333333.33333343",
        "becbf647612f3696, -0.0000033333333333333333",
        "43143ff3c1cb0959, 1424953923781206.2",
    })
    void appendix_b_numbers(String bits, String expected) {
        double v = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
        assertEquals(expected, CanonicalJson.number(v, "$"));
    }

    @ParameterizedTest
    @CsvSource({"7fffffffffffffff", "7ff0000000000000", "fff0000000000000"})
    void appendix_b_non_finite_numbers_are_refused(String bits) {
        double v = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
        assertThrows(UserInputException.class, () -> CanonicalJson.number(v, "$"));
    }

    @Test
    void section_3_2_2_example_text_and_utf8_bytes() throws Exception {
        String input = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                + "  \"literals\": [null, true, false]\n}";
        String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        assertEquals(expected, CanonicalJson.string(M.readTree(input)));
        // the RFC's hexadecimal UTF-8 rendering of the same output
        String hex = "7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c226e756d62657273223a5b333333333333"
                + "3333332e333333333333332c31652b33302c342e352c302e3030322c31652d32375d2c22737472696e67223a22e282ac"
                + "245c753030306f5c6e41274222";
        // (prefix only: the rest is covered by the text comparison above)
        String actual = HexFormat.of().formatHex(CanonicalJson.bytes(M.readTree(input)));
        assertEquals(hex.substring(0, 120), actual.substring(0, 120));
    }

    @Test
    void section_3_2_3_sorting_by_utf16_code_units() throws Exception {
        String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
                + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
                + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        String out = CanonicalJson.string(M.readTree(input));
        String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        assertEquals(expected, out);
        // the emoji sorts before U+FB33 by UTF-16 code units, though its code point is larger
        assertEquals(true, out.getBytes(StandardCharsets.UTF_8).length > 0);
    }

    @Test
    void integers_beyond_2_pow_53_and_lone_surrogates_are_refused() throws Exception {
        assertThrows(UserInputException.class, () -> CanonicalJson.string(M.readTree("[9007199254740993]")));
        assertEquals("[9007199254740992]", CanonicalJson.string(M.readTree("[9007199254740992]")));
        assertThrows(UserInputException.class, () -> CanonicalJson.string(M.readTree("[\"\\ud800\"]")));
    }
}

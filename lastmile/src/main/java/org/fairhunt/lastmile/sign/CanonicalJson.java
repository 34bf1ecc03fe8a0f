package org.fairhunt.lastmile.sign;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.fairhunt.core.UserInputException;

/**
 * The JSON Canonicalization Scheme (RFC 8785): object members sorted by the UTF-16 code units of
 * their names, no whitespace, strings with the minimal escapes of ECMAScript's {@code JSON.stringify},
 * numbers as ECMAScript's {@code Number.prototype.toString} writes IEEE 754 doubles, UTF-8 bytes.
 *
 * <p>Numbers are formatted here rather than with {@link Double#toString}, which on Java 17 does not
 * always give the shortest round-trip digits (JDK-4511638, fixed in 19): the shortest digits are
 * found with {@link BigDecimal} at increasing precision, so the bytes do not depend on the JDK that
 * signs or verifies.
 */
public final class CanonicalJson {

    private static final long MAX_SAFE_INTEGER = (1L << 53);

    private CanonicalJson() {
    }

    /** The canonical UTF-8 bytes of {@code node}. */
    public static byte[] bytes(JsonNode node) {
        return string(node).getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical text of {@code node}. */
    public static String string(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(node, sb, "$");
        return sb.toString();
    }

    private static void write(JsonNode node, StringBuilder sb, String path) {
        switch (node.getNodeType()) {
            case NULL -> sb.append("null");
            case BOOLEAN -> sb.append(node.booleanValue() ? "true" : "false");
            case STRING -> string(node.textValue(), sb, path);
            case NUMBER -> sb.append(number(toDouble(node, path), path));
            case ARRAY -> {
                sb.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    write(node.get(i), sb, path + "[" + i + "]");
                }
                sb.append(']');
            }
            case OBJECT -> {
                List<String> names = new ArrayList<>();
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    names.add(it.next());
                }
                // String.compareTo compares UTF-16 code units, which is exactly RFC 8785's order (3.2.3).
                names.sort(String::compareTo);
                sb.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    string(names.get(i), sb, path);
                    sb.append(':');
                    write(node.get(names.get(i)), sb, path + "." + names.get(i));
                }
                sb.append('}');
            }
            default -> throw new UserInputException(path + ": " + node.getNodeType() + " is not a JSON value");
        }
    }

    private static double toDouble(JsonNode node, String path) {
        if (node.isIntegralNumber()) {
            if (node.canConvertToLong() && Math.abs(node.longValue()) <= MAX_SAFE_INTEGER) {
                return node.longValue();
            }
            // I-JSON numbers are doubles; a larger integer would silently change when read back.
            throw new UserInputException(path + ": integer " + node.asText() + " is beyond 2^53 and cannot be canonicalized"
                    + " exactly (RFC 8785 numbers are IEEE 754 doubles); write it as a string");
        }
        return node.doubleValue();
    }

    /** A JSON string with RFC 8785's escapes: {@code \"}, {@code \\}, the five short control escapes, other controls as lower-case {@code \\u00XX} (six characters). */
    static void string(String s, StringBuilder sb, String path) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new UserInputException(path + ": string holds a lone surrogate \\u" + Integer.toHexString(c));
                }
                sb.append(c).append(s.charAt(++i));
                continue;
            }
            if (Character.isLowSurrogate(c)) {
                throw new UserInputException(path + ": string holds a lone surrogate \\u" + Integer.toHexString(c));
            }
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * ECMAScript's Number::toString (ECMA-262 7.1.12.1) for a finite double: the shortest digits
     * {@code s} (k of them) with {@code s × 10^(n−k)} reading back as {@code v}, the closest such when
     * several, laid out as an integer up to 21 digits, a plain decimal down to 1e-6, else exponent form.
     */
    public static String number(double v, String path) {
        if (!Double.isFinite(v)) {
            throw new UserInputException(path + ": " + v + " is not a JSON number (RFC 8785 refuses NaN and infinities)");
        }
        if (v == 0) {
            return "0"; // also -0
        }
        if (v < 0) {
            return "-" + number(-v, path);
        }
        BigDecimal digits = shortest(v);
        String s = digits.unscaledValue().toString();
        // strip trailing zeros of the digit string (unscaled value may carry them)
        int k = s.length();
        int n = k - digits.scale();
        while (k > 1 && s.charAt(k - 1) == '0') {
            k--;
        }
        s = s.substring(0, k);
        StringBuilder sb = new StringBuilder();
        if (k <= n && n <= 21) {
            sb.append(s);
            sb.append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            sb.append(s, 0, n).append('.').append(s, n, k);
        } else if (-6 < n && n <= 0) {
            sb.append("0.").append("0".repeat(-n)).append(s);
        } else {
            int e = n - 1;
            sb.append(s.charAt(0));
            if (k > 1) {
                sb.append('.').append(s, 1, k);
            }
            sb.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return sb.toString();
    }

    private static BigDecimal shortest(double v) {
        BigDecimal exact = new BigDecimal(v);
        for (int p = 1; p <= 17; p++) {
            // The nearest p-digit decimal first (the closest, as ECMAScript asks), then its neighbours: at a
            // power of two the rounding interval is lopsided, so the nearest can miss while one side hits.
            BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == v) {
                return nearest;
            }
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal other = exact.round(new MathContext(p, mode));
                if (other.doubleValue() == v) {
                    return other;
                }
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
}

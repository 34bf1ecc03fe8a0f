package org.fairhunt.core.table;

import java.nio.charset.StandardCharsets;

/**
 * Parses a number straight from ASCII bytes, accepting exactly what {@link Columns#looksNumeric}
 * accepts and giving exactly what {@link Columns#parseNumber} gives. Most data ("0.1234", "42",
 * "-3.5e-2") has at most 15 significant digits and a small exponent; those take Clinger's fast path,
 * which is exact because the mantissa and the power of ten are both exact doubles and one IEEE
 * multiplication or division rounds correctly. Anything else falls back to
 * {@link Double#parseDouble}.
 */
final class ByteNumbers {
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    private static final long MAX_EXACT_MANTISSA = 1L << 53;

    private ByteNumbers() {
    }

    /** The number in {@code buf[off, off+len)}, or {@code NaN} if the bytes are not a plain number. */
    static double parse(byte[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        if (i == end) {
            return Double.NaN;
        }
        boolean negative = false;
        if (buf[i] == '+' || buf[i] == '-') {
            negative = buf[i] == '-';
            i++;
            if (i == end) {
                return Double.NaN;
            }
        }
        byte first = buf[i];
        if (first == 'i' || first == 'I') {
            return parseInfinity(buf, i, end, negative);
        }
        long mantissa = 0;
        int significant = 0;
        int scale = 0;
        boolean digits = false;
        boolean exact = true;
        for (; i < end; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            digits = true;
            if (significant < 18) {
                mantissa = mantissa * 10 + d;
                if (mantissa != 0) {
                    significant++;
                }
            } else {
                scale++;
                exact &= d == 0;
            }
        }
        if (i < end && buf[i] == '.') {
            i++;
            for (; i < end; i++) {
                int d = buf[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                digits = true;
                if (significant < 18) {
                    mantissa = mantissa * 10 + d;
                    scale--;
                    if (mantissa != 0) {
                        significant++;
                    }
                } else {
                    exact &= d == 0;
                }
            }
        }
        if (!digits) {
            return Double.NaN;
        }
        if (i < end && (buf[i] == 'e' || buf[i] == 'E')) {
            i++;
            boolean expNegative = false;
            if (i < end && (buf[i] == '+' || buf[i] == '-')) {
                expNegative = buf[i] == '-';
                i++;
            }
            int exponent = 0;
            boolean expDigits = false;
            for (; i < end; i++) {
                int d = buf[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                expDigits = true;
                if (exponent < 100_000) {
                    exponent = exponent * 10 + d;
                }
            }
            if (!expDigits) {
                return Double.NaN;
            }
            scale += expNegative ? -exponent : exponent;
        }
        if (i != end) {
            return Double.NaN;
        }
        double value;
        if (exact && mantissa < MAX_EXACT_MANTISSA && scale >= -22 && scale <= 22) {
            value = scale >= 0 ? mantissa * POWERS_OF_TEN[scale] : mantissa / POWERS_OF_TEN[-scale];
        } else {
            value = Double.parseDouble(new String(buf, off, len, StandardCharsets.ISO_8859_1));
            return value;
        }
        return negative ? -value : value;
    }

    private static double parseInfinity(byte[] buf, int i, int end, boolean negative) {
        int n = end - i;
        if (n != 3 && n != 8) {
            return Double.NaN;
        }
        String word = new String(buf, i, n, StandardCharsets.ISO_8859_1);
        if (word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.NaN;
    }
}

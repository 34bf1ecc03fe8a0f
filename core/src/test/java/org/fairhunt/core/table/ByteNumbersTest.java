package org.fairhunt.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ByteNumbersTest {

    private static final Pattern LEADING_PLUS = Pattern.compile("^\\+");
    private static final Pattern INFINITY = Pattern.compile("(?i)^(-?)inf(inity)?$");

    /** The JDK's reading of a string that looksNumeric accepts (it spells infinity differently). */
    private static double jdk(String s) {
        return Double.parseDouble(INFINITY.matcher(LEADING_PLUS.matcher(s).replaceFirst("")).replaceFirst("$1Infinity"));
    }

    private static void check(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        double got = ByteNumbers.parse(b, 0, b.length);
        if (Columns.looksNumeric(s)) {
            double want = jdk(s);
            if (Double.doubleToLongBits(want) != Double.doubleToLongBits(got)) {
                assertEquals(want, got, "'" + s + "'");
            }
        } else if (!Double.isNaN(got)) {
            assertEquals(Double.NaN, got, "'" + s + "' is not a plain number");
        }
    }

    @Test
    void hand_picked_forms_agree_with_the_jdk_and_looks_numeric() {
        String[] cases = {"0", "-0", "+0", "1", "-1", "0.1234", ".5", "5.", "1e3", "1E-3", "2.5e+10", "-3.5e-2",
            "9007199254740993", "123456789012345678901234567890", "0.1000000000000000055511151231257827",
            "1e22", "1e23", "1e-22", "1e-23", "4.9e-324", "1e-400", "1.7976931348623157e308", "1e400", "inf", "-Infinity",
            "+INF", "infinit", "1d", "1f", "0x1A", "0x1p3", "NaN", "", "-", "+", ".", "e5", "1e", "1e+", "1.2.3",
            "1e5.5", " 1", "1 ", "1,5", "١", "00012", "000.000", "1_000"};
        for (String s : cases) {
            check(s);
        }
    }

    @Test
    void random_decimal_strings_agree_with_the_jdk() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder sb = new StringBuilder();
            if (random.nextInt(4) == 0) {
                sb.append(random.nextBoolean() ? '-' : '+');
            }
            int intDigits = random.nextInt(random.nextInt(4) == 0 ? 25 : 6);
            for (int i = 0; i < intDigits; i++) {
                sb.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextBoolean()) {
                sb.append('.');
                int fracDigits = random.nextInt(random.nextInt(4) == 0 ? 25 : 6);
                for (int i = 0; i < fracDigits; i++) {
                    sb.append((char) ('0' + random.nextInt(10)));
                }
            }
            if (random.nextInt(3) == 0) {
                sb.append(random.nextBoolean() ? 'e' : 'E');
                if (random.nextBoolean()) {
                    sb.append(random.nextBoolean() ? '-' : '+');
                }
                sb.append(random.nextInt(random.nextBoolean() ? 30 : 400));
            }
            check(sb.toString());
        }
    }
}

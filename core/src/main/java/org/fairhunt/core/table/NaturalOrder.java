package org.fairhunt.core.table;

import java.util.Comparator;

/**
 * The order in which Fairhunt lists the values of a category read from a file (CSV, TSV, JSON Lines):
 * as a person sorts them, not in the order they first appear. Runs of digits compare as numbers
 * ({@code 2 < 10}, {@code age9 < age10}), with an optional leading minus sign when the value starts
 * with it ({@code -5 < -1 < 0}) and a decimal part compared digit by digit ({@code 0.5 < 0.75 < 1});
 * everything else compares case-insensitively, then by exact text so that no two values tie. Binned
 * numbers keep their bin order and ARFF's declared levels their declared order: both were chosen by
 * someone.
 */
public final class NaturalOrder implements Comparator<String> {
    /** The comparator. */
    public static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int byNumber = compareNumbers(a, b);
        if (byNumber != 0) {
            return byNumber;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int ei = digitsEnd(a, i);
                int ej = digitsEnd(b, j);
                int c = compareDigitRuns(a, i, ei, b, j, ej);
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
                continue;
            }
            int c = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
            if (c != 0) {
                return c;
            }
            i++;
            j++;
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    /** Two plain decimal numbers compare by value; otherwise 0 (not decided here). */
    private static int compareNumbers(String a, String b) {
        if (isPlainNumber(a) && isPlainNumber(b)) {
            int c = new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b));
            return c;
        }
        return 0;
    }

    private static boolean isPlainNumber(String s) {
        int i = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        boolean digits = false;
        boolean dot = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isDigit(c)) {
                digits = true;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return false;
            }
        }
        return digits && s.length() <= 60;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String s, int i) {
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Compares two digit runs by numeric value (leading zeros ignored), of any length. */
    private static int compareDigitRuns(String a, int i, int ei, String b, int j, int ej) {
        while (i < ei - 1 && a.charAt(i) == '0') {
            i++;
        }
        while (j < ej - 1 && b.charAt(j) == '0') {
            j++;
        }
        int c = Integer.compare(ei - i, ej - j);
        if (c != 0) {
            return c;
        }
        for (; i < ei; i++, j++) {
            c = Character.compare(a.charAt(i), b.charAt(j));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}

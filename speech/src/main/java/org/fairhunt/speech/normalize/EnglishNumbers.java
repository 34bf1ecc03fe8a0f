package org.fairhunt.speech.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * English numbers written out as digits, the way speech teams normalize for Whisper-style evaluation, so
 * "twenty five" and "25" are the same word: cardinals ({@code one hundred and five} → {@code 105},
 * {@code twenty-five} → {@code 25}, {@code three thousand two hundred} → {@code 3200}), ordinals
 * ({@code twenty first} → {@code 21st}, {@code third} → {@code 3rd}), years said in pairs
 * ({@code nineteen ninety nine} → {@code 1999}, {@code nineteen oh five} → {@code 1905},
 * {@code twenty twenty} → {@code 2020}) and currency ({@code five dollars}, {@code $5} and {@code 5 dollars}
 * → {@code 5 dollars}; pounds and euros alike). It runs right after the markup steps, before
 * {@code punctuation} could strip the {@code $}; a comma or full stop after a number word is dropped,
 * thousands separators in digits too ({@code 1,000} → {@code 1000}). Both sides go through it, so an
 * ordinary "first" or "second" becomes {@code 1st}/{@code 2nd} on both and scores the same. Not handled
 * (left as words): fractions, decimals said aloud ("two point five"), cents, percent.
 */
final class EnglishNumbers implements NormalizationStep {

    private static final Map<String, Integer> SMALL = Map.ofEntries(Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2),
            Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
            Map.entry("thirteen", 13), Map.entry("fourteen", 14), Map.entry("fifteen", 15), Map.entry("sixteen", 16),
            Map.entry("seventeen", 17), Map.entry("eighteen", 18), Map.entry("nineteen", 19));
    private static final Map<String, Integer> TENS = Map.of("twenty", 20, "thirty", 30, "forty", 40, "fifty", 50, "sixty", 60,
            "seventy", 70, "eighty", 80, "ninety", 90);
    private static final Map<String, Long> SCALES = Map.of("thousand", 1_000L, "million", 1_000_000L, "billion", 1_000_000_000L);
    private static final Map<String, Integer> ORDINALS = Map.ofEntries(Map.entry("first", 1), Map.entry("second", 2),
            Map.entry("third", 3), Map.entry("fourth", 4), Map.entry("fifth", 5), Map.entry("sixth", 6), Map.entry("seventh", 7),
            Map.entry("eighth", 8), Map.entry("ninth", 9), Map.entry("tenth", 10), Map.entry("eleventh", 11), Map.entry("twelfth", 12),
            Map.entry("thirteenth", 13), Map.entry("fourteenth", 14), Map.entry("fifteenth", 15), Map.entry("sixteenth", 16),
            Map.entry("seventeenth", 17), Map.entry("eighteenth", 18), Map.entry("nineteenth", 19), Map.entry("twentieth", 20),
            Map.entry("thirtieth", 30), Map.entry("fortieth", 40), Map.entry("fiftieth", 50), Map.entry("sixtieth", 60),
            Map.entry("seventieth", 70), Map.entry("eightieth", 80), Map.entry("ninetieth", 90));
    private static final Map<String, String> CURRENCIES = Map.of("dollar", "dollars", "dollars", "dollars", "pound", "pounds",
            "pounds", "pounds", "euro", "euros", "euros", "euros");
    private static final Map<Character, String> SYMBOLS = Map.of('$', "dollars", '£', "pounds", '€', "euros");

    @Override
    public String describe() {
        return "numbers";
    }

    @Override
    public List<String> apply(List<String> in) {
        List<String> tokens = new ArrayList<>(in.size());
        for (String raw : in) {
            String t = raw;
            // $5 → 5 dollars; 1,000 → 1000; a comma or full stop after a number word goes
            if (t.length() > 1 && SYMBOLS.containsKey(t.charAt(0)) && isDigits(t.substring(1).replace(",", ""))) {
                tokens.add(t.substring(1).replace(",", ""));
                tokens.add(SYMBOLS.get(t.charAt(0)));
                continue;
            }
            if (t.indexOf(',') > 0 && isDigits(t.replace(",", ""))) {
                t = t.replace(",", "");
            }
            String bare = t.length() > 1 && (t.endsWith(",") || t.endsWith(".")) ? t.substring(0, t.length() - 1) : t;
            if (!bare.equals(t) && (isNumberWord(lower(bare)) || isDigits(bare))) {
                t = bare;
            }
            // twenty-five → twenty five, when every part is a number word
            if (t.indexOf('-') > 0 && allNumberWords(t.split("-"))) {
                tokens.addAll(List.of(t.split("-")));
            } else {
                tokens.add(t);
            }
        }
        List<String> out = new ArrayList<>(tokens.size());
        int k = 0;
        while (k < tokens.size()) {
            int[] end = new int[1];
            String number = parse(tokens, k, end);
            if (number == null) {
                String t = tokens.get(k);
                if (isDigits(t) && k + 1 < tokens.size() && CURRENCIES.containsKey(lower(tokens.get(k + 1)))) {
                    out.add(t);
                    out.add(CURRENCIES.get(lower(tokens.get(k + 1))));
                    k += 2;
                } else {
                    out.add(t);
                    k++;
                }
                continue;
            }
            k = end[0];
            if (!number.endsWith("st") && !number.endsWith("nd") && !number.endsWith("rd") && !number.endsWith("th")
                    && k < tokens.size() && CURRENCIES.containsKey(lower(tokens.get(k)))) {
                out.add(number);
                out.add(CURRENCIES.get(lower(tokens.get(k))));
                k++;
            } else {
                out.add(number);
            }
        }
        return out;
    }

    private static boolean allNumberWords(String[] parts) {
        for (String p : parts) {
            String w = lower(p);
            if (!SMALL.containsKey(w) && !TENS.containsKey(w) && !ORDINALS.containsKey(w)) {
                return false;
            }
        }
        return parts.length > 1;
    }

    /** The number starting at {@code from} as digits (with an ordinal suffix), its end in {@code end[0]}; null if none. */
    private static String parse(List<String> tokens, int from, int[] end) {
        long total = 0;
        long current = 0;
        int k = from;
        int last = 0; // 0 none, 1 unit 0-9, 2 teen 10-19, 3 tens, 4 hundred, 5 scale
        boolean any = false;
        while (k < tokens.size()) {
            String w = lower(tokens.get(k));
            if (w.equals("and") && any && (last == 4 || last == 5) && k + 1 < tokens.size() && isNumberWord(lower(tokens.get(k + 1)))) {
                k++;
                continue;
            }
            Integer small = SMALL.get(w);
            Integer tens = TENS.get(w);
            Integer ordinal = ORDINALS.get(w);
            if (small != null) {
                if (last == 1 || last == 2 || last == 3 && small >= 10) {
                    break;
                }
                current += small;
                last = small < 10 ? 1 : 2;
            } else if (tens != null) {
                if (last == 1 || last == 2 || last == 3) {
                    break;
                }
                current += tens;
                last = 3;
            } else if (w.equals("hundred") && any && (last == 1 || last == 2 || last == 3)) {
                current *= 100;
                last = 4;
            } else if (SCALES.containsKey(w) && any && last != 5) {
                total += Math.max(1, current) * SCALES.get(w);
                current = 0;
                last = 5;
            } else if (ordinal != null && !(last == 1 || last == 2 || last == 3 && ordinal >= 10)) {
                current += ordinal;
                end[0] = k + 1;
                return (total + current) + suffix(total + current);
            } else if ((w.equals("hundredth") || w.equals("thousandth")) && any) {
                long v = w.equals("hundredth") ? (total + current) * 100 : (total + Math.max(1, current)) * 1000;
                end[0] = k + 1;
                return v + "th";
            } else {
                break;
            }
            any = true;
            k++;
        }
        if (!any) {
            return null;
        }
        // A year said in pairs: nineteen ninety nine, nineteen oh five, twenty twenty.
        if (total == 0 && current >= 10 && current <= 99 && (last == 2 || last == 3 || last == 1 && current > 20) && k < tokens.size()) {
            int[] rest = new int[1];
            String w = lower(tokens.get(k));
            if ((w.equals("oh") || w.equals("o")) && k + 1 < tokens.size() && SMALL.containsKey(lower(tokens.get(k + 1)))
                    && SMALL.get(lower(tokens.get(k + 1))) < 10) {
                end[0] = k + 2;
                return String.valueOf(current * 100 + SMALL.get(lower(tokens.get(k + 1))));
            }
            String second = parse(tokens, k, rest);
            if (second != null && isDigits(second) && second.length() == 2 && !second.startsWith("0")) {
                end[0] = rest[0];
                return String.valueOf(current * 100 + Long.parseLong(second));
            }
        }
        end[0] = k;
        return String.valueOf(total + current);
    }

    private static boolean isNumberWord(String w) {
        return SMALL.containsKey(w) || TENS.containsKey(w) || ORDINALS.containsKey(w) || SCALES.containsKey(w) || w.equals("hundred");
    }

    private static String suffix(long n) {
        long h = n % 100;
        if (h >= 11 && h <= 13) {
            return "th";
        }
        return switch ((int) (n % 10)) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    private static boolean isDigits(String t) {
        if (t.isEmpty()) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

package org.fairhunt.report.markdown;

import java.util.List;

/** Markdown building blocks for CommonMark with GitHub tables and footnotes. */
public final class Markdown {
    private Markdown() {
    }

    /**
     * Text that renders literally, even inside a table cell, with as few backslashes as that takes so
     * the plain text stays readable ({@code <25}, {@code [40,60)}, {@code age_band}, {@code a & b} are
     * left alone). Always escaped: {@code \ ` * | ~}. Escaped where they could start markup: {@code <}
     * before a letter, {@code /}, {@code !} or {@code ?} (a tag, comment or autolink); {@code &} before a
     * letter or {@code #} (an entity); {@code _} at a word boundary (emphasis; GitHub ignores it inside
     * words); {@code [} and {@code ]} when both occur (a link); a leading {@code >} (quote) and a leading
     * {@code #}, {@code +} or {@code -} followed by a space (heading, list). Line breaks become spaces (a table row is one line).
     * {@code null} is the empty string.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        boolean brackets = text.indexOf('[') >= 0 && text.indexOf(']') >= 0;
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
            char prev = i > 0 ? text.charAt(i - 1) : ' ';
            boolean escape = switch (c) {
                case '\\', '`', '*', '|', '~' -> true;
                case '<' -> Character.isLetter(next) || next == '/' || next == '!' || next == '?';
                case '&' -> Character.isLetter(next) || next == '#';
                case '_' -> !Character.isLetterOrDigit(prev) || !Character.isLetterOrDigit(next);
                case '[', ']' -> brackets;
                case '>' -> i == 0;
                case '#', '+', '-' -> i == 0 && next == ' ';
                default -> false;
            };
            if (c == '\n' || c == '\r') {
                sb.append(' ');
                continue;
            }
            if (escape) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * A table; cells are used as given (escape user text first), {@code numeric} columns are
     * right-aligned. Ends with a newline.
     */
    public static String table(List<String> headers, List<Boolean> numeric, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append('|');
        for (String h : headers) {
            sb.append(' ').append(h).append(" |");
        }
        sb.append("\n|");
        for (Boolean n : numeric) {
            sb.append(Boolean.TRUE.equals(n) ? "---:|" : "---|");
        }
        sb.append('\n');
        for (List<String> row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException("a row of " + row.size() + " cells for " + headers.size() + " columns");
            }
            sb.append('|');
            for (String cell : row) {
                sb.append(' ').append(cell).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A fenced code block whose fence is longer than any run of backticks inside. */
    public static String codeBlock(String language, String content) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < content.length(); i++) {
            run = content.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + language + "\n" + content + (content.endsWith("\n") ? "" : "\n") + fence + "\n";
    }
}

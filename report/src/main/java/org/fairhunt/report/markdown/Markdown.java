package org.fairhunt.report.markdown;

import java.util.List;

/** Markdown building blocks for CommonMark with GitHub tables and footnotes. */
public final class Markdown {
    private static final String SPECIAL = "\\`*_[]<>|#&!~";

    private Markdown() {
    }

    /**
     * Text that renders literally, even inside a table cell: CommonMark's punctuation that could start
     * markup ({@code \ ` * _ [ ] < > | # & ! ~}) gets a backslash, and line breaks become spaces (a table
     * row is one line). {@code null} is the empty string.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                sb.append(' ');
            } else {
                if (SPECIAL.indexOf(c) >= 0) {
                    sb.append('\\');
                }
                sb.append(c);
            }
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

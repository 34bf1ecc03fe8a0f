package org.fairhunt.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * HTML building blocks that escape every piece of text they are given. Text from user data (group
 * values, column names, file names) goes in as {@code String} and is always escaped; markup the code
 * itself produced goes in as a {@link Fragment}, so the type says what is trusted.
 */
public final class Html {

    /** Bit {@code c} set for each character {@link #escape} replaces: {@code & < > " '}. */
    private static final long SPECIAL = 1L << '&' | 1L << '<' | 1L << '>' | 1L << '"' | 1L << '\'';

    private Html() {
    }

    /** Markup that is already safe (produced by this toolkit or escaped). */
    public record Fragment(String html) {
        public Fragment {
            html = html == null ? "" : html;
        }

        @Override
        public String toString() {
            return html;
        }
    }

    /**
     * Escapes text for element content and double- or single-quoted attribute values: {@code & < > " '}.
     * {@code null} is the empty string.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        // Most text has nothing to escape: find the first special character with a bit mask (all five are
        // below 64) before building anything; a report escapes every label, value and tooltip it writes.
        int first = 0;
        int length = text.length();
        while (first < length) {
            char c = text.charAt(first);
            if (c < 64 && (SPECIAL >>> c & 1) != 0) {
                break;
            }
            first++;
        }
        if (first == length) {
            return text;
        }
        StringBuilder sb = null;
        for (int i = first; i < length; i++) {
            char c = text.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (rep != null && sb == null) {
                sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** Trusted markup. */
    public static Fragment raw(String html) {
        return new Fragment(html);
    }

    /** Text, escaped. */
    public static Fragment text(String text) {
        return new Fragment(escape(text));
    }

    /** {@code <tag class="cls">escaped text</tag>}; {@code cls} may be {@code null}. */
    public static Fragment element(String tag, String cls, String text) {
        return element(tag, cls, text(text));
    }

    /** {@code <tag class="cls">content</tag>}; {@code cls} may be {@code null}. */
    public static Fragment element(String tag, String cls, Fragment content) {
        return raw("<" + tag + (cls == null ? "" : " class=\"" + escape(cls) + "\"") + ">" + content.html() + "</" + tag + ">");
    }

    /** A cell's content: a {@code String} is escaped, a {@link Fragment} is used as is, {@code null} is empty. */
    static String cell(Object content) {
        if (content == null) {
            return "";
        }
        if (content instanceof Fragment f) {
            return f.html();
        }
        return escape(content.toString());
    }

    /** A badge for a verdict outcome ({@code pass}, {@code fail}, {@code inconclusive}, anything else neutral). */
    public static Fragment badge(String outcome) {
        String kind = switch (outcome == null ? "" : outcome) {
            case "pass" -> "pass";
            case "fail" -> "fail";
            case "inconclusive" -> "inconclusive";
            default -> "neutral";
        };
        String symbol = switch (kind) {
            case "pass" -> "✓ ";
            case "fail" -> "✗ ";
            case "inconclusive" -> "? ";
            default -> "";
        };
        return raw("<span class=\"fh-badge fh-" + kind + "\">" + symbol + escape(outcome) + "</span>");
    }

    /** A new table. */
    public static Table table() {
        return new Table();
    }

    /**
     * A table: column headers (numeric columns are right-aligned with tabular figures), rows of cells
     * ({@code String} escaped, {@link Fragment} as is), an optional CSS class per row ({@code muted} for
     * slices too small to report), and an optional caption.
     */
    public static final class Table {
        private final List<String> headers = new ArrayList<>();
        private final List<Boolean> numeric = new ArrayList<>();
        private final List<List<Object>> rows = new ArrayList<>();
        private final List<String> rowClasses = new ArrayList<>();
        private String caption;
        private String cssClass;

        private Table() {
        }

        public Table caption(String text) {
            this.caption = text;
            return this;
        }

        /** An extra CSS class on the {@code <table>}. */
        public Table cssClass(String cls) {
            this.cssClass = cls;
            return this;
        }

        public Table column(String header) {
            return column(header, false);
        }

        public Table numericColumn(String header) {
            return column(header, true);
        }

        public Table column(String header, boolean isNumeric) {
            headers.add(header);
            numeric.add(isNumeric);
            return this;
        }

        public Table row(Object... cells) {
            return row(null, List.of(cells));
        }

        /** A row with a CSS class ({@code null}: none); there must be one cell per column. */
        public Table row(String rowClass, List<?> cells) {
            if (cells.size() != headers.size()) {
                throw new IllegalArgumentException("a row of " + cells.size() + " cells for " + headers.size() + " columns");
            }
            rows.add(new ArrayList<>(cells));
            rowClasses.add(rowClass);
            return this;
        }

        public int rowCount() {
            return rows.size();
        }

        public Fragment render() {
            return raw(appendTo(new StringBuilder()).toString());
        }

        /** Appends the table's markup ({@link #render()}'s) to {@code sb}, which a long page writes into directly. */
        public StringBuilder appendTo(StringBuilder sb) {
            sb.append("<div class=\"fh-table-wrap\"><table class=\"fh-table")
                    .append(cssClass == null ? "" : " " + escape(cssClass)).append("\">");
            if (caption != null) {
                sb.append("<caption>").append(escape(caption)).append("</caption>");
            }
            sb.append("<thead><tr>");
            for (int c = 0; c < headers.size(); c++) {
                sb.append(numeric.get(c) ? "<th class=\"num\" scope=\"col\">" : "<th scope=\"col\">")
                        .append(escape(headers.get(c))).append("</th>");
            }
            sb.append("</tr></thead><tbody>");
            for (int r = 0; r < rows.size(); r++) {
                String cls = rowClasses.get(r);
                sb.append(cls == null ? "<tr>" : "<tr class=\"" + escape(cls) + "\">");
                List<Object> row = rows.get(r);
                for (int c = 0; c < row.size(); c++) {
                    sb.append(numeric.get(c) ? "<td class=\"num\">" : "<td>").append(cell(row.get(c))).append("</td>");
                }
                sb.append("</tr>");
            }
            sb.append("</tbody></table></div>");
            return sb;
        }
    }

    /** A new page with this title (escaped). */
    public static Page page(String title) {
        return new Page(title);
    }

    /**
     * A complete, self-contained HTML document: UTF-8, the toolkit's inline style sheet (screen and
     * print), a content security policy that blocks every network request (nothing may load from
     * anywhere, not even the page's own folder; inline styles, inline scripts and {@code data:} images
     * only), and a small script that opens every {@code <details>} before printing so nothing is lost
     * on paper.
     */
    public static final class Page {
        private final String title;
        private final StringBuilder body = new StringBuilder();
        private final StringBuilder extraStyle = new StringBuilder();
        private final StringBuilder extraScript = new StringBuilder();
        private String subtitle;

        private Page(String title) {
            this.title = title;
        }

        /** A line under the title (escaped). */
        public Page subtitle(String text) {
            this.subtitle = text;
            return this;
        }

        public Page add(Fragment fragment) {
            body.append(fragment.html()).append('\n');
            return this;
        }

        /** A {@code <section>} with a heading (escaped), an optional id, and content. */
        public Page section(String id, String heading, Fragment content) {
            return section(id, heading, sb -> sb.append(content.html()));
        }

        /**
         * A {@code <section>} whose content is appended straight into the page (trusted markup only): a long
         * section is then copied once, not once per level of nested fragments.
         */
        public Page section(String id, String heading, java.util.function.Consumer<StringBuilder> content) {
            body.append("<section class=\"fh-section\"").append(id == null ? "" : " id=\"" + escape(id) + "\"").append('>')
                    .append("<h2>").append(escape(heading)).append("</h2>\n");
            content.accept(body);
            body.append("</section>\n");
            return this;
        }

        /** More CSS for this page, after the toolkit's own. */
        public Page style(String css) {
            extraStyle.append(css).append('\n');
            return this;
        }

        /** More inline JavaScript for this page (runs after the body is parsed). */
        public Page script(String js) {
            extraScript.append(js).append('\n');
            return this;
        }

        public String render() {
            StringBuilder sb = new StringBuilder(body.length() + STYLE.length() + 1024);
            sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                    .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                    .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n")
                    .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                    .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(STYLE)
                    .append(extraStyle).append("</style>\n</head>\n<body>\n<main class=\"fh-page\">\n<header class=\"fh-header\">")
                    .append("<h1>").append(escape(title)).append("</h1>");
            if (subtitle != null) {
                sb.append("<p class=\"fh-subtitle\">").append(escape(subtitle)).append("</p>");
            }
            sb.append("</header>\n").append(body).append("</main>\n<script>\n").append(PRINT_SCRIPT).append(extraScript)
                    .append("</script>\n</body>\n</html>\n");
            return sb.toString();
        }
    }

    private static final String PRINT_SCRIPT = """
            window.addEventListener('beforeprint', function () {
              document.querySelectorAll('details').forEach(function (d) { d.open = true; });
            });
            """;

    /** The toolkit's style sheet: system fonts, quiet colours, tabular figures, and a print layout. */
    static final String STYLE = """
            :root { --fg: #1f2328; --muted: #6e7781; --line: #d0d7de; --bg-soft: #f6f8fa; --accent: #3b5bdb;
              --pass: #1a7f37; --fail: #cf222e; --inconclusive: #9a6700; }
            * { box-sizing: border-box; }
            body { margin: 0; color: var(--fg); background: #fff;
              font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            .fh-page { max-width: 1120px; margin: 0 auto; padding: 28px 32px 64px; }
            .fh-header h1 { font-size: 26px; margin: 0 0 4px; letter-spacing: -0.01em; }
            .fh-subtitle { color: var(--muted); margin: 0 0 8px; }
            h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
            h3 { font-size: 16px; margin: 24px 0 8px; }
            h4 { font-size: 14px; margin: 0 0 6px; font-weight: 600; }
            p { margin: 8px 0; }
            .fh-note { color: var(--muted); font-size: 13px; }
            code, .fh-mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
            .fh-table-wrap { overflow-x: auto; margin: 8px 0 16px; }
            .fh-table { border-collapse: collapse; font-size: 13.5px; min-width: 40%; }
            .fh-table caption { text-align: left; color: var(--muted); padding-bottom: 4px; }
            .fh-table th, .fh-table td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: left;
              vertical-align: top; }
            .fh-table th { background: var(--bg-soft); font-weight: 600; white-space: nowrap; }
            .fh-table .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            .fh-table tr.muted td { color: var(--muted); font-style: italic; }
            .fh-table tr.fh-strong td { font-weight: 600; }
            .fh-badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 700;
              text-transform: uppercase; letter-spacing: 0.04em; white-space: nowrap; color: #fff; }
            .fh-pass { background: var(--pass); }
            .fh-fail { background: var(--fail); }
            .fh-inconclusive { background: var(--inconclusive); }
            .fh-neutral { background: var(--muted); }
            .fh-flag { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 11.5px; background: #eaeef2;
              color: #57606a; font-style: normal; white-space: nowrap; }
            .fh-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 12px; margin: 12px 0; }
            .fh-card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: #fff; }
            .fh-card .fh-card-label { color: var(--muted); font-size: 12.5px; }
            .fh-card .fh-card-value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
            .fh-card .fh-card-sub { color: var(--muted); font-size: 12.5px; font-variant-numeric: tabular-nums; }
            .fh-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(500px, 1fr)); gap: 18px 28px; }
            figure.fh-figure { margin: 0; break-inside: avoid; page-break-inside: avoid; }
            figure.fh-figure figcaption { font-size: 13px; color: var(--muted); margin-top: 2px; }
            svg.fh-chart { display: block; max-width: 100%; height: auto; }
            details { margin: 10px 0; }
            details > summary { cursor: pointer; color: var(--accent); font-weight: 600; }
            .fh-verdict { display: flex; gap: 12px; align-items: baseline; padding: 10px 14px; margin: 8px 0;
              border: 1px solid var(--line); border-left-width: 5px; border-radius: 6px; }
            .fh-verdict.fh-v-pass { border-left-color: var(--pass); }
            .fh-verdict.fh-v-fail { border-left-color: var(--fail); }
            .fh-verdict.fh-v-inconclusive { border-left-color: var(--inconclusive); }
            .fh-verdict .fh-constraint { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
            .fh-verdict .fh-detail { color: #424a53; }
            .fh-warnings li { margin: 4px 0; }
            .fh-warnings { background: #fff8c5; border: 1px solid #eac54f; border-radius: 6px; padding: 8px 14px 8px 32px; }
            dl.fh-glossary { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; }
            dl.fh-glossary dt { font-weight: 600; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
            dl.fh-glossary dd { margin: 0; }
            pre.fh-json { background: var(--bg-soft); border: 1px solid var(--line); border-radius: 6px; padding: 10px;
              overflow-x: auto; font-size: 12.5px; }
            nav.fh-toc { font-size: 13.5px; margin: 10px 0 0; }
            nav.fh-toc a { color: var(--accent); text-decoration: none; margin-right: 14px; white-space: nowrap; }
            footer.fh-footer { margin-top: 48px; color: var(--muted); font-size: 12.5px; }
            @media print {
              body { font-size: 11pt; }
              .fh-page { max-width: none; padding: 0; }
              .fh-grid { grid-template-columns: 1fr 1fr; }
              .fh-table-wrap { overflow: visible; }
              .fh-table { font-size: 7.5pt; }
              .fh-table .num { white-space: normal; }
              .fh-table th, .fh-table td { padding: 3px 5px; }
              details > summary { display: none; }
              nav.fh-toc { display: none; }
              h2 { break-after: avoid; page-break-after: avoid; }
              .fh-badge, .fh-flag { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
              svg.fh-chart { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            }
            """;
}

package org.fairhunt.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.Columns;
import org.fairhunt.core.table.ColumnType;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TableBuilder;

/**
 * Weka's ARFF format (as Weka 3.8 writes and reads it). Nominal attributes become categorical columns
 * with their declared levels in declared order; {@code numeric}, {@code real} and {@code integer}
 * become numeric; {@code string} becomes text; {@code date} is kept as categorical text (its format
 * is not interpreted). Names and values may be quoted with single or double quotes, with Weka's
 * backslash escapes inside; {@code %} starts a comment; an unquoted {@code ?} is missing. Sparse rows
 * ({@code {0 X, 3 Y}}) are read with Weka's meaning: a numeric attribute left out is 0 and a nominal
 * one takes its first declared value; leaving out a string or date attribute is refused, since its
 * value would depend on Weka's internal string table. Relational attributes and instance weights are
 * refused as not supported. Type hints override the declared types. An error in the header gives
 * the character column; an error in a data row gives the attribute's 1-based position.
 */
final class ArffReader {
    private enum Kind { NOMINAL, NUMERIC, STRING, DATE }

    private static final class Attribute {
        final String name;
        final Kind kind;
        final List<String> levels;
        final Set<String> levelSet;

        Attribute(String name, Kind kind, List<String> levels) {
            this.name = name;
            this.kind = kind;
            this.levels = levels;
            this.levelSet = levels == null ? null : new HashSet<>(levels);
        }
    }

    private final Source in;
    private final ReadOptions options;
    private long lineNumber;
    private String line;
    private int at;

    ArffReader(Source in, ReadOptions options) {
        this.in = in;
        this.options = options;
    }

    Table read() throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in.stream, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        try {
            return read(reader);
        } catch (CharacterCodingException e) {
            throw new DataFormatException(in.name, lineNumber + 1, 0, "the bytes are not valid UTF-8; save the file as UTF-8");
        }
    }

    private Table read(BufferedReader reader) throws IOException {
        List<Attribute> attributes = new ArrayList<>();
        Map<String, Integer> byName = new HashMap<>();
        boolean data = false;
        boolean any = false;
        ReadLimits limits = options.limits();
        long headerChars = 0;
        while ((line = boundedLine(reader, limits.maxHeaderBytes() - headerChars, true)) != null) {
            lineNumber++;
            headerChars += line.length() + 1;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            at = 0;
            skipSpace();
            if (atEndOrComment()) {
                continue;
            }
            any = true;
            if (line.charAt(at) != '@') {
                throw error(at + 1, "expected @relation, @attribute or @data, found '" + abbreviate(line.substring(at)) + "'");
            }
            int keywordStart = at;
            String keyword = bareWord().toLowerCase(Locale.ROOT);
            if (keyword.equals("@relation")) {
                skipSpace();
                if (atEndOrComment()) {
                    throw error(at + 1, "@relation needs a name");
                }
                name();
            } else if (keyword.equals("@attribute")) {
                Attribute a = attribute();
                Integer earlier = byName.putIfAbsent(a.name, attributes.size() + 1);
                if (earlier != null) {
                    throw error(0, "attribute '" + a.name + "' is declared twice (attributes " + earlier + " and "
                            + (attributes.size() + 1) + ")");
                }
                if (attributes.size() == limits.maxColumns()) {
                    throw error(0, "attribute '" + a.name + "' would be column " + (attributes.size() + 1) + ", more than "
                            + limits.maxColumns() + " columns, the limit (raise it with --max-columns)");
                }
                attributes.add(a);
            } else if (keyword.equals("@data")) {
                data = true;
                break;
            } else if (keyword.equals("@end")) {
                throw error(keywordStart + 1, "not supported: relational attributes (@end)");
            } else {
                throw error(keywordStart + 1, "unknown keyword '" + keyword + "'; expected @relation, @attribute or @data");
            }
        }
        if (!any) {
            throw new DataFormatException(in.name, 0, 0, "empty file, expected an ARFF header (@relation, @attribute, @data)");
        }
        if (!data) {
            throw new DataFormatException(in.name, lineNumber, 0, "no @data line; the file ends inside the header");
        }
        if (attributes.isEmpty()) {
            throw new DataFormatException(in.name, lineNumber, 0, "no @attribute before @data");
        }
        List<String> names = new ArrayList<>();
        for (Attribute a : attributes) {
            names.add(a.name);
        }
        for (String hinted : options.typeHints().keySet()) {
            if (!byName.containsKey(hinted)) {
                throw new UserInputException(in.name + ": a type is given for column '" + hinted
                        + "', but the file has no such attribute; the attributes are: " + String.join(", ", names));
            }
        }
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (Attribute a : attributes) {
            ColumnType hint = options.typeHints().get(a.name);
            types.put(a.name, hint != null ? hint : declaredType(a.kind));
        }
        TableBuilder builder = new TableBuilder(in.name, names, types, options.extraMissingTokens());
        for (int k = 0; k < attributes.size(); k++) {
            Attribute a = attributes.get(k);
            if (a.kind == Kind.NOMINAL && types.get(a.name) == ColumnType.CATEGORICAL) {
                builder.declareLevels(k, a.levels);
            }
        }
        String[] values = new String[attributes.size()];
        long rows = 0;
        while ((line = boundedLine(reader, limits.maxRecordBytes(), false)) != null) {
            lineNumber++;
            at = 0;
            skipSpace();
            if (atEndOrComment()) {
                continue;
            }
            if (line.charAt(at) == '{') {
                sparseRow(attributes, values);
            } else {
                denseRow(attributes, values);
            }
            builder.startRow();
            for (int k = 0; k < values.length; k++) {
                try {
                    builder.set(k, values[k]);
                } catch (UserInputException e) {
                    throw error(k + 1, e.getMessage());
                }
            }
            rows++;
            if ((rows & 0x3fff) == 0) {
                in.progress(rows);
            }
        }
        in.progress(rows);
        return builder.build();
    }

    /**
     * The next line without its terminator (LF, CRLF or CR), or {@code null} at the end; a line longer than
     * {@code limit} characters (what is left of the header's limit, or a data line's) is refused before it
     * is buffered whole, unlike {@link BufferedReader#readLine}.
     */
    private String boundedLine(BufferedReader reader, long limit, boolean header) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = reader.read()) >= 0) {
            if (c == '\n') {
                return sb.toString();
            }
            if (c == '\r') {
                reader.mark(1);
                if (reader.read() != '\n') {
                    reader.reset();
                }
                return sb.toString();
            }
            if (sb.length() >= limit) {
                throw new DataFormatException(in.name, lineNumber + 1, 0, header
                        ? "the header (@relation, @attribute lines) is longer than "
                            + ReadLimits.describe(options.limits().maxHeaderBytes()) + ", the limit (raise it with --max-header-size)"
                        : "data line longer than " + ReadLimits.describe(options.limits().maxRecordBytes())
                            + ", the limit (raise it with --max-record-size)");
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static ColumnType declaredType(Kind kind) {
        switch (kind) {
            case NUMERIC:
                return ColumnType.NUMERIC;
            case STRING:
                return ColumnType.TEXT;
            default:
                return ColumnType.CATEGORICAL;
        }
    }

    private Attribute attribute() {
        skipSpace();
        if (atEndOrComment()) {
            throw error(at + 1, "@attribute needs a name and a type");
        }
        String name = name();
        if (name.isEmpty()) {
            throw error(at, "an attribute name is empty");
        }
        skipSpace();
        if (atEndOrComment()) {
            throw error(at + 1, "attribute '" + name + "' has no type; expected numeric, real, integer, string, date or {value,...}");
        }
        if (line.charAt(at) == '{') {
            int open = at;
            List<String> levels = nominalLevels(name);
            if (levels.isEmpty()) {
                throw error(open + 1, "attribute '" + name + "' declares no values; a nominal attribute needs at least one");
            }
            return new Attribute(name, Kind.NOMINAL, levels);
        }
        int typeStart = at;
        String type = bareWord().toLowerCase(Locale.ROOT);
        switch (type) {
            case "numeric":
            case "real":
            case "integer":
                expectEnd();
                return new Attribute(name, Kind.NUMERIC, null);
            case "string":
                expectEnd();
                return new Attribute(name, Kind.STRING, null);
            case "date":
                // An optional date format follows; dates are kept as text, so it is read and ignored.
                skipSpace();
                if (!atEndOrComment()) {
                    value();
                }
                expectEnd();
                return new Attribute(name, Kind.DATE, null);
            case "relational":
                throw error(typeStart + 1, "not supported: relational attribute '" + name + "'");
            default:
                throw error(typeStart + 1, "unknown type '" + type + "' for attribute '" + name
                        + "'; expected numeric, real, integer, string, date or {value,...}");
        }
    }

    private List<String> nominalLevels(String attribute) {
        at++; // '{'
        List<String> levels = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (true) {
            skipSpace();
            if (at >= line.length()) {
                throw error(at + 1, "the values of attribute '" + attribute + "' are not closed with '}'");
            }
            if (line.charAt(at) == '}' && levels.isEmpty()) {
                at++;
                break;
            }
            int valueStart = at;
            String level = value();
            if (!seen.add(level)) {
                throw error(valueStart + 1, "attribute '" + attribute + "' declares the value '" + level + "' twice");
            }
            levels.add(level);
            skipSpace();
            if (at >= line.length()) {
                throw error(at + 1, "the values of attribute '" + attribute + "' are not closed with '}'");
            }
            char c = line.charAt(at++);
            if (c == '}') {
                break;
            }
            if (c != ',') {
                throw error(at, "expected ',' or '}' in the values of attribute '" + attribute + "', found '" + c + "'");
            }
        }
        expectEnd();
        return levels;
    }

    private void denseRow(List<Attribute> attributes, String[] values) {
        int n = attributes.size();
        for (int k = 0; k < n; k++) {
            skipSpace();
            if (atEndOrComment()) {
                throw tooFewValues(k, n);
            }
            values[k] = checked(attributes.get(k), k, missingOrValue());
            skipSpace();
            if (k < n - 1) {
                if (atEndOrComment()) {
                    throw tooFewValues(k + 1, n);
                }
                char c = line.charAt(at);
                if (c != ',') {
                    throw error(k + 1, "expected ',' after the value of attribute '" + attributes.get(k).name + "', found '" + c + "'");
                }
                at++;
            }
        }
        if (!atEndOrComment()) {
            char c = line.charAt(at);
            if (c == ',') {
                at++;
                skipSpace();
            }
            if (at < line.length() && line.charAt(at) == '{') {
                throw error(n + 1, "not supported: instance weights ({...} after the values)");
            }
            if (c == ',') {
                throw error(n + 1, "line " + lineNumber + " has more than " + n + " values; " + n + " attributes are declared");
            }
            throw error(n, "unexpected '" + abbreviate(line.substring(at)) + "' after the last value");
        }
    }

    private DataFormatException tooFewValues(int k, int n) {
        return error(k + 1, "line " + lineNumber + " has " + k + (k == 1 ? " value" : " values") + "; " + n
                + " attributes are declared");
    }

    private void sparseRow(List<Attribute> attributes, String[] values) {
        int n = attributes.size();
        boolean[] given = new boolean[n];
        at++; // '{'
        int previous = -1;
        skipSpace();
        boolean empty = at < line.length() && line.charAt(at) == '}';
        if (empty) {
            at++;
        }
        while (!empty) {
            skipSpace();
            int indexStart = at;
            while (at < line.length() && Character.isDigit(line.charAt(at))) {
                at++;
            }
            if (indexStart == at) {
                throw error(0, "expected an attribute index in the sparse row at character " + (indexStart + 1));
            }
            int index;
            try {
                index = Integer.parseInt(line.substring(indexStart, at));
            } catch (NumberFormatException e) {
                index = Integer.MAX_VALUE;
            }
            if (index >= n) {
                throw error(0, "sparse row refers to attribute index " + index + ", but only indices 0 to " + (n - 1) + " exist");
            }
            if (index <= previous) {
                throw error(index + 1, "sparse row indices must increase, but " + index + " follows " + previous);
            }
            previous = index;
            skipSpace();
            values[index] = checked(attributes.get(index), index, missingOrValue());
            given[index] = true;
            skipSpace();
            if (at >= line.length()) {
                throw error(0, "the sparse row is not closed with '}'");
            }
            char c = line.charAt(at++);
            if (c == '}') {
                break;
            }
            if (c != ',') {
                throw error(index + 1, "expected ',' or '}' in the sparse row, found '" + c + "'");
            }
        }
        skipSpace();
        if (!atEndOrComment()) {
            if (line.charAt(at) == '{') {
                throw error(0, "not supported: instance weights ({...} after the values)");
            }
            throw error(0, "unexpected '" + abbreviate(line.substring(at)) + "' after the sparse row");
        }
        for (int k = 0; k < n; k++) {
            if (!given[k]) {
                Attribute a = attributes.get(k);
                switch (a.kind) {
                    case NUMERIC:
                        values[k] = "0";
                        break;
                    case NOMINAL:
                        values[k] = a.levels.get(0);
                        break;
                    default:
                        throw error(k + 1, "sparse row leaves out " + a.kind.name().toLowerCase(Locale.ROOT) + " attribute '"
                                + a.name + "'; its value cannot be told (give it explicitly)");
                }
            }
        }
    }

    /** A value, or {@code null} for an unquoted {@code ?}. */
    private String missingOrValue() {
        if (at < line.length() && line.charAt(at) == '?') {
            int next = at + 1;
            while (next < line.length() && (line.charAt(next) == ' ' || line.charAt(next) == '\t')) {
                next++;
            }
            if (next == line.length() || ",}%".indexOf(line.charAt(next)) >= 0) {
                at++;
                return null;
            }
        }
        return value();
    }

    private String checked(Attribute a, int k, String value) {
        if (value == null) {
            return null;
        }
        if (a.kind == Kind.NOMINAL && !a.levelSet.contains(value)) {
            throw error(k + 1, "'" + value + "' is not a declared value of attribute '" + a.name + "'; allowed: "
                    + quotedList(a.levels));
        }
        if (a.kind == Kind.NUMERIC && !Columns.looksNumeric(value)) {
            throw error(k + 1, "'" + value + "' is not a number, but attribute '" + a.name + "' is numeric");
        }
        return value;
    }

    private static String quotedList(List<String> levels) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < levels.size(); i++) {
            if (i == 20) {
                sb.append(", ... (").append(levels.size()).append(" in all)");
                break;
            }
            if (i > 0) {
                sb.append(", ");
            }
            sb.append('\'').append(levels.get(i)).append('\'');
        }
        return sb.toString();
    }

    /** A quoted string (with Weka's backslash escapes) or a bare token ending at , } { % or the line's end. */
    private String value() {
        char q = line.charAt(at);
        if (q == '\'' || q == '"') {
            int open = at;
            StringBuilder sb = new StringBuilder();
            at++;
            while (true) {
                if (at >= line.length()) {
                    throw error(0, "quote opened at character " + (open + 1) + " is never closed on this line");
                }
                char c = line.charAt(at++);
                if (c == q) {
                    return sb.toString();
                }
                if (c == '\\' && at < line.length()) {
                    char e = line.charAt(at++);
                    switch (e) {
                        case 'n':
                            sb.append('\n');
                            break;
                        case 't':
                            sb.append('\t');
                            break;
                        case 'r':
                            sb.append('\r');
                            break;
                        default:
                            sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
        }
        int start = at;
        while (at < line.length()) {
            char c = line.charAt(at);
            if (c == ',' || c == '}' || c == '{' || c == '%') {
                break;
            }
            at++;
        }
        int end = at;
        while (end > start && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(start, end);
    }

    /** A relation or attribute name: quoted, or a bare word ending at whitespace. */
    private String name() {
        char q = line.charAt(at);
        return q == '\'' || q == '"' ? value() : bareWord();
    }

    /** A keyword or type: everything up to whitespace, '{' or a comment. */
    private String bareWord() {
        int start = at;
        while (at < line.length()) {
            char c = line.charAt(at);
            if (Character.isWhitespace(c) || c == '{' || c == '%') {
                break;
            }
            at++;
        }
        return line.substring(start, at);
    }

    private void expectEnd() {
        skipSpace();
        if (!atEndOrComment()) {
            throw error(at + 1, "unexpected '" + abbreviate(line.substring(at)) + "' at the end of the declaration");
        }
    }

    private void skipSpace() {
        while (at < line.length() && Character.isWhitespace(line.charAt(at))) {
            at++;
        }
    }

    private boolean atEndOrComment() {
        return at >= line.length() || line.charAt(at) == '%';
    }

    private DataFormatException error(int column, String problem) {
        return new DataFormatException(in.name, lineNumber, column, problem);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}

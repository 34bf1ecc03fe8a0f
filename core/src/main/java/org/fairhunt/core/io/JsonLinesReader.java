package org.fairhunt.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TableBuilder;

/**
 * JSON Lines: one flat JSON object per line. The columns are the union of the objects' keys in the
 * order they first appear; a key absent from a line is missing there, as is {@code null}. Numbers keep
 * their written form for type inference, booleans become the values {@code true} and {@code false}.
 * Blank lines are skipped. Each line gets its own parser, so a line can never swallow the next one
 * and every error names the line; a nested object or array is refused with its key, since a table
 * cell holds one value.
 */
final class JsonLinesReader {
    /** Jackson's own string limit is lifted: {@link ReadLimits} bounds the line and each value instead. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength((int) ReadLimits.MAX_BYTES).build())
            .build();
    private static final int INITIAL_BUFFER = 1 << 20;

    private final Source in;
    private final ReadOptions options;
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    /** Lines consumed so far (the current line's number once it is counted). */
    private long lineNumber;
    /** Per column, the last row that set it: finds a key given twice in one object. */
    private int[] lastRowSet = new int[16];

    JsonLinesReader(Source in, ReadOptions options) {
        this.in = in;
        this.options = options;
    }

    Table read() throws IOException {
        TableBuilder builder = new TableBuilder(in.name, List.of(), options.typeHints(), options.missingTokens());
        Map<String, Integer> columns = new HashMap<>();
        List<String> keys = new ArrayList<>();
        long rows = 0;
        fill();
        if (limit >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) {
            pos = 3;
        }
        while (true) {
            int nl = indexOfNewline();
            if (nl < 0) {
                if (!eof) {
                    fill();
                    in.progress(rows);
                    continue;
                }
                if (pos >= limit) {
                    break;
                }
                nl = limit;
            }
            lineNumber++;
            long line = lineNumber;
            int end = nl;
            if (end > pos && buf[end - 1] == '\r') {
                end--;
            }
            if (!isBlank(pos, end)) {
                parseLine(builder, columns, keys, line, pos, end);
                rows++;
            }
            pos = Math.min(nl + 1, limit);
        }
        in.progress(rows);
        if (rows == 0) {
            throw new DataFormatException(in.name, 0, 0, "empty file, expected one JSON object per line");
        }
        for (String hinted : options.typeHints().keySet()) {
            if (!columns.containsKey(hinted)) {
                throw new UserInputException(in.name + ": a type is given for column '" + hinted
                        + "', but no line has that key; the keys are: " + String.join(", ", keys));
            }
        }
        return builder.build();
    }

    private void parseLine(TableBuilder builder, Map<String, Integer> columns, List<String> keys, long line, int start, int end)
            throws IOException {
        try (JsonParser p = FACTORY.createParser(buf, start, end - start)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw error(line, p.currentTokenLocation(), "expected a JSON object ({...}) on each line, found " + describe(t));
            }
            builder.startRow();
            int row = builder.rowCount();
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                Integer column = columns.get(key);
                if (column == null) {
                    if (keys.size() == options.limits().maxColumns()) {
                        throw error(line, p.currentTokenLocation(), "key '" + key + "' would be column "
                                + (keys.size() + 1) + ", more than " + options.limits().maxColumns()
                                + " columns, the limit (raise it with --max-columns)");
                    }
                    column = builder.addColumn(key);
                    columns.put(key, column);
                    keys.add(key);
                    if (column == lastRowSet.length) {
                        lastRowSet = Arrays.copyOf(lastRowSet, column * 2);
                    }
                }
                if (lastRowSet[column] == row) {
                    throw error(line, p.currentTokenLocation(), "key '" + key + "' appears twice in the object");
                }
                lastRowSet[column] = row;
                t = p.nextToken();
                String value;
                switch (t) {
                    case VALUE_STRING:
                        if (p.getTextLength() > options.limits().maxFieldBytes()) {
                            throw error(line, p.currentTokenLocation(), "the value of key '" + key + "' is longer than "
                                    + ReadLimits.describe(options.limits().maxFieldBytes())
                                    + ", the limit (raise it with --max-field-size)");
                        }
                        value = p.getText();
                        break;
                    case VALUE_NUMBER_INT:
                    case VALUE_NUMBER_FLOAT:
                        value = p.getText();
                        break;
                    case VALUE_TRUE:
                        value = "true";
                        break;
                    case VALUE_FALSE:
                        value = "false";
                        break;
                    case VALUE_NULL:
                        value = null;
                        break;
                    case START_OBJECT:
                    case START_ARRAY:
                        throw error(line, p.currentTokenLocation(), "key '" + key + "' holds "
                                + (t == JsonToken.START_OBJECT ? "a nested object" : "an array")
                                + "; a table cell holds one value, so flatten it first (e.g. '" + key + ".field')");
                    default:
                        throw error(line, p.currentTokenLocation(), "unexpected " + describe(t) + " as the value of key '" + key + "'");
                }
                try {
                    builder.set(column, value);
                } catch (UserInputException e) {
                    throw error(line, p.currentTokenLocation(), e.getMessage());
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw error(line, p.currentTokenLocation(), "unexpected " + describe(t) + " inside the object");
            }
            t = p.nextToken();
            if (t != null) {
                throw error(line, p.currentTokenLocation(), "more than one JSON value on the line; expected one object per line");
            }
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new DataFormatException(in.name, line, loc == null ? 0 : loc.getColumnNr(), "invalid JSON: " + e.getOriginalMessage());
        }
    }

    private DataFormatException error(long line, JsonLocation loc, String problem) {
        return new DataFormatException(in.name, line, loc == null ? 0 : loc.getColumnNr(), problem);
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the line";
        }
        switch (t) {
            case START_ARRAY:
                return "an array";
            case START_OBJECT:
                return "an object";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return t.asString() != null ? "'" + t.asString() + "'" : t.name();
        }
    }

    private boolean isBlank(int start, int end) {
        for (int i = start; i < end; i++) {
            byte c = buf[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private int indexOfNewline() {
        for (int i = pos; i < limit; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void fill() throws IOException {
        if (eof) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            // The buffer is full of one unfinished line: stop at the limit instead of buffering on.
            if (limit - pos > options.limits().maxRecordBytes()) {
                throw new DataFormatException(in.name, lineNumber + 1, 0, "line longer than "
                        + ReadLimits.describe(options.limits().maxRecordBytes()) + ", the limit (raise it with --max-record-size)");
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.stream.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }
}

package org.fairhunt.discovery.coverage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.Columns;
import org.fairhunt.core.table.Table;

/**
 * Target shares of a population: one or more distributions over some of the coverage dimensions.
 * The file has a column per dimension it speaks of and a {@code share} column; each row gives the
 * share of one combination of values. A row that leaves some dimension columns empty belongs to the
 * distribution over the dimensions it does fill, so one file can hold several marginals (rows with
 * only {@code accent} filled, rows with only {@code noise} filled) and joints. Each distribution's
 * shares are normalized to sum to 1 (counts or percentages work as well as proportions).
 */
public final class TargetShares {
    /** The column holding the shares. */
    public static final String SHARE_COLUMN = "share";

    /** One distribution over {@code dimensions} (names, in the file's column order). */
    public record Distribution(List<String> dimensions, Map<List<String>, Double> shares) {
    }

    private final String source;
    private final List<Distribution> distributions;

    private TargetShares(String source, List<Distribution> distributions) {
        this.source = source;
        this.distributions = List.copyOf(distributions);
    }

    public String source() {
        return source;
    }

    public List<Distribution> distributions() {
        return distributions;
    }

    /**
     * Reads target shares from a table whose columns are some of {@code dimensions} plus
     * {@value #SHARE_COLUMN}. Line numbers in messages count the header as line 1.
     */
    public static TargetShares from(Table table, List<String> dimensions) {
        String src = table.source();
        if (!table.hasColumn(SHARE_COLUMN)) {
            throw new UserInputException(src + ": no '" + SHARE_COLUMN + "' column; expected the columns of some of the dimensions ("
                    + String.join(", ", dimensions) + ") and a '" + SHARE_COLUMN + "' column, found " + String.join(", ", table.columnNames()));
        }
        List<String> dimColumns = new ArrayList<>();
        List<Integer> fieldNumbers = new ArrayList<>();
        int shareField = 0;
        List<String> names = table.columnNames();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c);
            if (name.equals(SHARE_COLUMN)) {
                shareField = c + 1;
            } else if (dimensions.contains(name)) {
                dimColumns.add(name);
                fieldNumbers.add(c + 1);
            } else {
                throw new DataFormatException(src, 1, c + 1, "column '" + name + "' is not one of the dimensions ("
                        + String.join(", ", dimensions) + ") nor '" + SHARE_COLUMN + "'");
            }
        }
        if (dimColumns.isEmpty()) {
            throw new UserInputException(src + ": no dimension column; expected some of " + String.join(", ", dimensions));
        }
        Column share = table.column(SHARE_COLUMN);
        Map<List<String>, Map<List<String>, Double>> byDims = new LinkedHashMap<>();
        for (int row = 0; row < table.rowCount(); row++) {
            long line = row + 2L;
            String s = share.text(row);
            if (s == null || !Columns.looksNumeric(s) || !(Columns.parseNumber(s) >= 0) || Double.isInfinite(Columns.parseNumber(s))) {
                throw new DataFormatException(src, line, shareField, "expected a non-negative share, found '" + (s == null ? "" : s) + "'");
            }
            List<String> dims = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (int j = 0; j < dimColumns.size(); j++) {
                String v = table.column(dimColumns.get(j)).text(row);
                if (v != null) {
                    dims.add(dimColumns.get(j));
                    values.add(v);
                }
            }
            if (dims.isEmpty()) {
                throw new DataFormatException(src, line, 0, "every dimension column is empty; a row must name the values it gives a share for");
            }
            Map<List<String>, Double> dist = byDims.computeIfAbsent(dims, k -> new LinkedHashMap<>());
            if (dist.put(values, Columns.parseNumber(s)) != null) {
                throw new DataFormatException(src, line, 0, "the combination " + String.join(" × ", values) + " of "
                        + String.join(", ", dims) + " appears twice");
            }
        }
        List<Distribution> out = new ArrayList<>();
        for (Map.Entry<List<String>, Map<List<String>, Double>> e : byDims.entrySet()) {
            double sum = e.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
            if (!(sum > 0)) {
                throw new UserInputException(src + ": the shares over " + String.join(", ", e.getKey()) + " sum to 0");
            }
            Map<List<String>, Double> normalized = new LinkedHashMap<>();
            e.getValue().forEach((k, v) -> normalized.put(k, v / sum));
            out.add(new Distribution(e.getKey(), normalized));
        }
        return new TargetShares(src, out);
    }
}

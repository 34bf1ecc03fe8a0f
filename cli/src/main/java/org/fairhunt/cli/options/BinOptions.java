package org.fairhunt.cli.options;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.table.Binning;
import org.fairhunt.core.table.Table;
import picocli.CommandLine.Option;

/**
 * How {@code slices} and {@code coverage} turn numeric columns into levels: {@code --bin COLUMN=CUTS} cuts a
 * column at given points, {@code --bins} sets the quantile bins of the others.
 */
public final class BinOptions {
    @Option(names = "--bin", paramLabel = "COLUMN=CUTS",
            description = "Cut a numeric column at these points instead of quantiles, e.g. age=25,40,60 (repeatable).")
    List<String> cuts = new ArrayList<>();

    @Option(names = "--bins", paramLabel = "B", defaultValue = "4",
            description = "Quantile bins for the other numeric columns (default: ${DEFAULT-VALUE}).")
    int bins;

    /** The table with each {@code --bin} column replaced by its bins. */
    public Table apply(Table table) {
        Table out = table;
        for (Map.Entry<String, String> e : GroupOptions.parseBins(cuts).entrySet()) {
            out = out.with(Binning.parse(e.getValue()).apply(out.numeric(e.getKey())));
        }
        return out;
    }

    /** The {@code --bin} cut points by column, in the order given. */
    public Map<String, String> cuts() {
        return GroupOptions.parseBins(cuts);
    }

    /** The {@code --bins} quantile bins for numeric columns without cut points. */
    public int bins() {
        return bins;
    }
}

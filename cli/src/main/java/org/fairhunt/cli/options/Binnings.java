package org.fairhunt.cli.options;

import java.util.List;
import java.util.Map;
import org.fairhunt.core.table.Binning;
import org.fairhunt.core.table.Table;

/** Applies {@code --bin COLUMN=CUTS} options: each named numeric column is replaced by its bins. */
public final class Binnings {
    private Binnings() {
    }

    public static Table apply(Table table, List<String> specs) {
        Table out = table;
        for (Map.Entry<String, String> e : GroupOptions.parseBins(specs).entrySet()) {
            out = out.with(Binning.parse(e.getValue()).apply(out.numeric(e.getKey())));
        }
        return out;
    }
}

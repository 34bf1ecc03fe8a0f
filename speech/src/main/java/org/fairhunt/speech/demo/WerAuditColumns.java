package org.fairhunt.speech.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.Table;

/** Derived group columns for the demo (an attribute looked up from another one, e.g. accent from voice). */
final class WerAuditColumns {

    private WerAuditColumns() {
    }

    static Column lookup(Table table, String from, String name, Map<String, String> mapping) {
        Column source = table.column(from);
        Map<String, Integer> codes = new LinkedHashMap<>();
        int[] out = new int[table.rowCount()];
        for (int row = 0; row < out.length; row++) {
            String v = source.text(row);
            String mapped = v == null ? null : mapping.get(v);
            out[row] = mapped == null ? CategoricalColumn.MISSING : codes.computeIfAbsent(mapped, k -> codes.size());
        }
        return new CategoricalColumn(name, out, new ArrayList<>(codes.keySet()));
    }
}

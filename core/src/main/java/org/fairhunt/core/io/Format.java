package org.fairhunt.core.io;

import java.util.Locale;
import org.fairhunt.core.UserInputException;

/** The file formats {@link TableReaders} reads. */
public enum Format {
    /** Comma-separated values (RFC 4180); the delimiter is sniffed, so semicolons and pipes work too. */
    CSV,
    /** Tab-separated values, with the same quoting rules as CSV. */
    TSV,
    /** JSON Lines: one flat JSON object per line. */
    JSONL,
    /** Weka's Attribute-Relation File Format. */
    ARFF;

    /**
     * The format a file name implies ({@code .csv}, {@code .tsv}, {@code .tab}, {@code .jsonl},
     * {@code .ndjson}, {@code .arff}, each optionally followed by {@code .gz}), or {@code null}.
     */
    public static Format fromFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".tsv") || name.endsWith(".tab")) {
            return TSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSONL;
        }
        if (name.endsWith(".arff")) {
            return ARFF;
        }
        return null;
    }

    /** Parses a user's format name, case-insensitively ({@code csv}, {@code tsv}, {@code jsonl}, {@code ndjson}, {@code arff}). */
    public static Format parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        if (n.equals("NDJSON")) {
            return JSONL;
        }
        for (Format f : values()) {
            if (f.name().equals(n)) {
                return f;
            }
        }
        throw new UserInputException("unknown format '" + name + "'; expected csv, tsv, jsonl or arff");
    }
}

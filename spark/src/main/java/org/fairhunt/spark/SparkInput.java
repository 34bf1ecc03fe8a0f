package org.fairhunt.spark;

import java.util.Locale;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.fairhunt.core.UserInputException;
import picocli.CommandLine.Option;

/** Where a Spark command's rows come from: a path or a catalog table, read by Spark's own readers. */
public final class SparkInput {
    @Option(names = "--format", paramLabel = "FORMAT",
            description = "parquet, orc, csv, json or table (a catalog table name); default: by the path's extension, else parquet.")
    String format;

    @Option(names = "--row-id", paramLabel = "COLUMN",
            description = "Column with each row's 0-based number, keying the bootstrap of rows without --cluster "
                    + "(default: the rows' order as read, which is the file order).")
    String rowId;

    /** The format to read {@code input} with. */
    String format(String input) {
        if (format != null) {
            String f = format.toLowerCase(Locale.ROOT);
            if (!java.util.List.of("parquet", "orc", "csv", "json", "table").contains(f)) {
                throw new UserInputException("--format must be parquet, orc, csv, json or table, got '" + format + "'");
            }
            return f;
        }
        String p = input.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        for (String ext : new String[] {"csv", "orc", "json", "parquet"}) {
            if (p.endsWith("." + ext) || p.endsWith("." + ext + ".gz")) {
                return ext;
            }
        }
        return p.endsWith(".jsonl") || p.endsWith(".jsonl.gz") ? "json" : "parquet";
    }

    /**
     * Reads {@code input}. CSV files have a header and their column types inferred, as the local reader
     * infers them; an unreadable path or unknown table is a user error naming it.
     */
    public Dataset<Row> read(SparkSession spark, String input) {
        String f = format(input);
        try {
            return switch (f) {
                case "table" -> spark.table(input);
                case "csv" -> spark.read().option("header", "true").option("inferSchema", "true").csv(input);
                default -> spark.read().format(f).load(input);
            };
        } catch (Exception e) {
            if (e instanceof AnalysisException || e.getCause() instanceof java.io.IOException) {
                throw new UserInputException(input + ": cannot read as " + f + ": " + firstLine(e.getMessage()), e);
            }
            throw e;
        }
    }

    /**
     * Reads {@code input} with {@code textColumns} as text whatever their values look like, as the local reader's
     * type hints do for transcripts: a CSV column of hypotheses such as {@code 1.50} stays "1.50", not 1.5. Only CSV
     * infers types from text; the other formats keep their stored types.
     */
    public Dataset<Row> read(SparkSession spark, String input, java.util.List<String> textColumns) {
        Dataset<Row> data = read(spark, input);
        if (!format(input).equals("csv")) {
            return data;
        }
        StructType inferred = data.schema();
        StructType schema = new StructType();
        boolean changed = false;
        for (StructField f : inferred.fields()) {
            boolean text = textColumns.contains(f.name()) && !(f.dataType() instanceof StringType);
            schema = schema.add(text ? new StructField(f.name(), DataTypes.StringType, true, f.metadata()) : f);
            changed |= text;
        }
        return changed ? spark.read().option("header", "true").schema(schema).csv(input) : data;
    }

    /** The options for {@link SparkAuditor}: the input as the source of messages, and the row-id column. */
    SparkAuditor.Options options(String input) {
        return new SparkAuditor.Options(input, rowId);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
